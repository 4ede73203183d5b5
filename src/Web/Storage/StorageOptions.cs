namespace PlanNacc.Web.Storage;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// Where PlanNacc keeps its data. Bound from the "Storage" section; PLANNACC_DB / PLANNACC_CONNECTION / PLANNACC_DATA / PLANNACC_EVIDENCE
/// and --db / --connection / --data-dir / --evidence-dir override it.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for PostgreSQL; for SQLite the default is a file under <see cref="DataDir"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The SQLite database, the Hangfire SQLite file and the kept evidence live here; relative to the working directory.</summary>
    public string DataDir { get; set; } = "data";

    public string FullDataDir => Path.GetFullPath(DataDir);

    /// <summary>
    /// Where kept evidence lives; empty = "evidence" under <see cref="DataDir"/>. Workers sharing a run point it at one shared folder.
    /// </summary>
    public string? EvidenceFolder { get; set; }

    public string EvidenceDir =>
        string.IsNullOrWhiteSpace(EvidenceFolder) ? Path.Combine(FullDataDir, "evidence") : Path.GetFullPath(EvidenceFolder);

    public string SqliteFile => Path.Combine(FullDataDir, "plannacc.db");

    public string HangfireSqliteFile => Path.Combine(FullDataDir, "hangfire.db");

    /// <summary>Fails with one clear line when the configuration cannot work (PostgreSQL without a connection string).</summary>
    public StorageOptions Validate()
    {
        _ = EffectiveConnectionString;
        return this;
    }

    public string EffectiveConnectionString => Provider switch
    {
        DatabaseProvider.Sqlite => string.IsNullOrWhiteSpace(ConnectionString)
            ? $"Data Source={SqliteFile};Foreign Keys=True;Default Timeout=30"
            : ConnectionString,
        _ => string.IsNullOrWhiteSpace(ConnectionString)
            ? throw new StorageConfigurationException(
                "--db postgres needs a connection string: --connection \"Host=…;Username=…;Database=…\" or PLANNACC_CONNECTION")
            : ConnectionString,
    };
}
