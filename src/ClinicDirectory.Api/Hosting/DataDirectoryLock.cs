namespace ClinicDirectory.Api.Hosting;

/// <summary>
/// Makes this process the only one using a data directory. Lucene's native lock does not stop a second
/// process on Linux, and two writers would corrupt the index, so the second start refuses.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _stream;

    private DataDirectoryLock(FileStream stream) => _stream = stream;

    public static DataDirectoryLock Acquire(string dataPath)
    {
        Directory.CreateDirectory(dataPath);
        var path = Path.Combine(dataPath, "directory.lock");
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock) on Unix, released when the process dies.
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            var pid = System.Text.Encoding.UTF8.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            stream.Write(pid);
            stream.Flush(flushToDisk: true);
            return new DataDirectoryLock(stream);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"The data directory \"{Path.GetFullPath(dataPath)}\" is in use by another ClinicDirectory process. " +
                "Stop it, or start this one with another Storage:DataPath.", ex);
        }
    }

    public void Dispose() => _stream.Dispose();
}
