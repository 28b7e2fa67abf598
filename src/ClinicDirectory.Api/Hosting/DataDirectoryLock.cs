using System.Globalization;

namespace ClinicDirectory.Api.Hosting;

/// <summary>
/// Makes this process the only one using a data directory. Lucene's native lock does not stop a second
/// process on Linux, and two writers would corrupt the index, so the second start refuses. The holder's
/// process id and start time are written beside the lock, so the refusal can say which process holds it.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _stream;

    private DataDirectoryLock(FileStream stream) => _stream = stream;

    public static DataDirectoryLock Acquire(string dataPath)
    {
        Directory.CreateDirectory(dataPath);
        var path = Path.Combine(dataPath, "directory.lock");
        var owner = Path.Combine(dataPath, "directory.owner");
        FileStream stream;
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock) on Unix, released when the process dies.
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            var holder = File.Exists(owner) ? File.ReadAllText(owner).Trim() : "";
            throw new StartupRefusedException(
                $"The data directory \"{Path.GetFullPath(dataPath)}\" is in use by another ClinicDirectory process" +
                (holder.Length > 0 ? $" ({holder})" : "") + ". Stop it, or start this one with another Storage:DataPath.", ex);
        }
        File.WriteAllText(owner, string.Create(CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId} on {Environment.MachineName}, since {DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}"));
        return new DataDirectoryLock(stream);
    }

    public void Dispose() => _stream.Dispose();
}
