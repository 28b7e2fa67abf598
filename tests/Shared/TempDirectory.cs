namespace ClinicDirectory.Tests.Shared;

/// <summary>A fresh directory under the system's temp folder, deleted (as far as it can be) on dispose.</summary>
public sealed class TempDirectory(string purpose) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), purpose, Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
