namespace PlanNacc.Web.Storage;

public static class StorageExtensions
{
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        builder.Services.AddSingleton<Database>();
        builder.Services.AddSingleton<Migrator>();
        return builder;
    }

    /// <summary>Creates the data folder and proves it writable, so a bad folder fails with one clear line at start-up.</summary>
    public static void EnsureDataDir(StorageOptions options)
    {
        var dir = options.FullDataDir;
        try
        {
            Directory.CreateDirectory(dir);
            Directory.CreateDirectory(options.EvidenceDir);
            var probe = Path.Combine(dir, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageConfigurationException($"the data folder {dir} is not writable ({e.Message}); choose another with --data-dir or Storage:DataDir", e);
        }
    }
}
