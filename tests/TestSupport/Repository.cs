namespace HubSpotCrm.TestSupport;

/// <summary>Where the repository and the built services are.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with (debug or release): the services are built alike.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;

    public static string ServiceDll(string project)
    {
        var path = Path.Combine(Root, "artifacts", "bin", project, Configuration, project + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: build the solution first (dotnet build HubSpotCrm.slnx).", path);
    }

    public static string LogDirectory { get; } = CreateLogDirectory();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HubSpotCrm.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find the repository root (HubSpotCrm.slnx) above " + AppContext.BaseDirectory);
    }

    private static string CreateLogDirectory()
    {
        var path = Path.Combine(Root, "artifacts", "test-logs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(path);
        return path;
    }
}
