using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PlanNacc.Web.Storage;

/// <summary>
/// Opens connections to the one database PlanNacc uses (SQLite or PostgreSQL). The DML is shared by both
/// (ON CONFLICT, RETURNING, LIMIT/OFFSET, @name parameters); what differs between them lives here and in the
/// per-database migration scripts.
/// </summary>
public sealed class Database
{
    static Database()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    public Database(StorageOptions options)
    {
        Provider = options.Provider;
        ConnectionString = options.EffectiveConnectionString;
    }

    public Database(IOptions<StorageOptions> options) : this(options.Value)
    {
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(ConnectionString)
            : new NpgsqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (Provider == DatabaseProvider.Sqlite)
            {
                // busy_timeout makes concurrent writers wait, not fail; NORMAL is safe with WAL (which the Migrator sets once: it is
                // kept in the file, and every page's reads pay for each statement run here).
                await connection.ExecuteAsync("PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;");
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The database is away for a moment (restart, failover, dropped connection): the same work can succeed when it is back.
    /// SQLite is a local file and has no such state (busy waits are handled by busy_timeout).
    /// </summary>
    public static bool IsTransient(Exception e) => e switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal)
            || p.SqlState is "57P01" or "57P02" or "57P03" or "53300"
            || p.IsTransient,
        NpgsqlException n => n.IsTransient || n.InnerException is System.Net.Sockets.SocketException or IOException or TimeoutException,
        _ => false,
    };

    /// <summary>
    /// Runs <paramref name="work"/> again while the database is away, pausing longer each time, for up to <paramref name="patience"/>.
    /// </summary>
    public static async Task<T> RetryWhileAwayAsync<T>(Func<Task<T>> work, TimeSpan patience, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + patience;
        var pause = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                return await work();
            }
            catch (Exception e) when (IsTransient(e) && DateTime.UtcNow + pause < deadline)
            {
                await Task.Delay(pause, cancellationToken);
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 5_000));
            }
        }
    }

    /// <summary>A unique-key violation, in either database's words.</summary>
    public static bool IsUniqueViolation(Exception e) => e switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
