namespace ClinicDirectory.Tests.Shared;

/// <summary>The repository's root: the nearest folder above the running tests that holds Directory.sln.</summary>
public static class RepositoryFolder
{
    public static DirectoryInfo Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.sln"))) return dir;
        }
        throw new DirectoryNotFoundException("Directory.sln not found above the test directory.");
    }
}
