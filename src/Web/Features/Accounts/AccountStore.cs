using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Accounts;

public sealed record UserRow
{
    public long Id { get; init; }
    public string Username { get; init; } = "";
    public string Role { get; init; } = "";
    public string? Province { get; init; }
    public string? DlaCode { get; init; }
    public string PasswordHash { get; init; } = "";
    public int FailedLogins { get; init; }
    public DateTime? LockedUntil { get; init => field = value.AsUtc(); }
    public DateTime CreatedAt { get; init => field = value.AsUtc(); }
    public string CreatedBy { get; init; } = "";
    /// <summary>Set while an admin has disabled the user: no sign-in, no session, no token of theirs.</summary>
    public DateTime? DisabledAt { get; init => field = value.AsUtc(); }
    /// <summary>Copied into the sign-in cookie; changed when the user is disabled, which ends every open session.</summary>
    public string SecurityStamp { get; init; } = "";
}

public enum LoginOutcome
{
    Ok,
    Invalid,
    LockedOut,
    Disabled,
}

public sealed record LoginResult(LoginOutcome Outcome, UserRow? User = null, DateTime? LockedUntil = null);

public sealed class AccountException(string message) : Exception(message);

/// <summary>
/// Users: creating, signing in (with the lock-out), disabling, setting passwords; every change is audited in its own
/// transaction. LAO activation codes are <see cref="ActivationCodes"/>, bearer tokens <see cref="ApiTokens"/>.
/// </summary>
public sealed class AccountStore(Database database, IOptions<AccountOptions> options, TimeProvider clock)
{
    private static PasswordHasher<UserRow> Hasher => Secrets.Hasher;

    private AccountOptions Options => options.Value;

    public string? PasswordProblem(string? password, bool english = false) =>
        string.IsNullOrEmpty(password) || password.Length < Options.MinPasswordLength
            ? english
                ? $"The password must be at least {Options.MinPasswordLength} characters long"
                : $"รหัสผ่านต้องยาวอย่างน้อย {Options.MinPasswordLength} ตัวอักษร"
            : null;

    public async Task<UserRow> CreateUserAsync(string username, string role, string? province, string? dlaCode, string password,
        string actor, CancellationToken cancellationToken = default)
    {
        username = Normalise(username);
        if (!Roles.IsKnown(role) || username.Length == 0 || (role == Roles.Province) != !string.IsNullOrWhiteSpace(province)
            || (role == Roles.Lao) != !string.IsNullOrWhiteSpace(dlaCode))
        {
            throw new AccountException("a user needs a name, a known role, a province exactly when a province officer "
                + "and a DLA code exactly when an LAO officer");
        }
        if (role != Roles.Lao && username.Length == 7 && username.All(char.IsAsciiDigit))
        {
            // Seven digits are the LAO accounts' names (their DLA code).
            throw new AccountException("a 7-digit name is kept for the LAO of that DLA code");
        }
        if (PasswordProblem(password) is { } problem)
        {
            throw new AccountException(problem);
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            var user = await connection.QuerySingleAsync<UserRow>(new CommandDefinition(
                $"""
                INSERT INTO users (username, role, province, dla_code, password_hash, failed_logins, created_at, created_by)
                VALUES (@username, @role, @province, @dlaCode, @hash, 0, @now, @actor)
                RETURNING {UserColumns}
                """,
                new { username, role, province = NullIfBlank(province), dlaCode = NullIfBlank(dlaCode),
                    hash = Hasher.HashPassword(null!, password), now = Now, actor },
                transaction, cancellationToken: cancellationToken));
            await new AuditLog(connection, transaction).WriteAsync(actor, "create", "user", username, null, Public(user),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return user;
        }
        catch (Exception e) when (Database.IsUniqueViolation(e))
        {
            throw new AccountException($"a user named {username} already exists");
        }
    }

    /// <summary>The `add-admin` verb: a new admin, or a new password for an existing admin (never turns another role into admin).</summary>
    public async Task<bool> AddOrResetAdminAsync(string username, string password, string actor,
        CancellationToken cancellationToken = default)
    {
        if (await FindAsync(username, cancellationToken) is not { } existing)
        {
            await CreateUserAsync(username, Roles.Admin, null, null, password, actor, cancellationToken);
            return true;
        }
        if (existing.Role != Roles.Admin)
        {
            throw new AccountException($"{existing.Username} exists as a {existing.Role} user, not an admin");
        }
        if (PasswordProblem(password) is { } problem)
        {
            throw new AccountException(problem);
        }
        await SetPasswordAsync(existing, password, actor, cancellationToken);
        return false;
    }

    public async Task<UserRow?> FindAsync(string username, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"""
            SELECT {UserColumns}
            FROM users WHERE username = @username
            """,
            new { username = Normalise(username) }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<UserRow>> ListAsync(string? province, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition(
            $"""
            SELECT {UserColumnsOf("u")}
            FROM users u LEFT JOIN laos l ON l.dla_code = u.dla_code
            WHERE @province IS NULL OR u.province = @province OR l.province = @province
            ORDER BY u.role, u.username
            """,
            new { province }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// A wrong password counts towards the lock-out; a locked account is refused even with the right password. Each attempt
    /// is counted in one statement before its password is checked, so parallel guesses cannot outrun the count: once
    /// <see cref="AccountOptions.MaxFailedLogins"/> attempts are in, the account is locked and later ones are not checked.
    /// Only a right password clears the count and the lock; a wrong one never touches them again.
    /// </summary>
    public async Task<LoginResult> SignInAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(username, cancellationToken);
        if (user is null)
        {
            // Same work as a real check, so timing does not tell which names exist.
            Hasher.VerifyHashedPassword(null!, DummyHash, password ?? "");
            return new LoginResult(LoginOutcome.Invalid);
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        // A lock that ran out starts the count again; the attempt that reaches the limit locks before it is checked.
        var claimed = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            """
            UPDATE users SET
              failed_logins = CASE WHEN locked_until IS NULL THEN failed_logins + 1 ELSE 1 END,
              locked_until = CASE WHEN (CASE WHEN locked_until IS NULL THEN failed_logins + 1 ELSE 1 END) >= @max
                THEN @lockUntil ELSE NULL END
            WHERE id = @id AND (locked_until IS NULL OR locked_until <= @now)
            RETURNING failed_logins
            """,
            new { id = user.Id, now = Now, max = Options.MaxFailedLogins, lockUntil = Now.AddMinutes(Options.LockoutMinutes) },
            cancellationToken: cancellationToken));
        if (claimed is null)
        {
            Hasher.VerifyHashedPassword(null!, DummyHash, password ?? "");
            return new LoginResult(LoginOutcome.LockedOut, LockedUntil: user.LockedUntil);
        }
        var verdict = Hasher.VerifyHashedPassword(user, user.PasswordHash, password ?? "");
        if (verdict == PasswordVerificationResult.Failed)
        {
            return claimed >= Options.MaxFailedLogins
                ? new LoginResult(LoginOutcome.LockedOut, LockedUntil: Now.AddMinutes(Options.LockoutMinutes))
                : new LoginResult(LoginOutcome.Invalid);
        }
        var hash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(user, password!) : user.PasswordHash;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET failed_logins = 0, locked_until = NULL, password_hash = @hash WHERE id = @id",
            new { hash, id = user.Id }, cancellationToken: cancellationToken));
        if (user.DisabledAt is not null)
        {
            // Said only to whoever knows the password: the right person learns why, a guesser learns nothing more.
            return new LoginResult(LoginOutcome.Disabled, user);
        }
        return new LoginResult(LoginOutcome.Ok, user);
    }

    /// <summary>Signing out ends every session of the user (a copied cookie stops working too): the security stamp changes.</summary>
    public async Task EndSessionsAsync(string username, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET security_stamp = @stamp WHERE username = @username",
            new { stamp = Secrets.NewStamp(), username = Normalise(username) }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Disables (or enables again) a user. Disabling changes the security stamp, so every cookie already issued stops on its
    /// next request, even after the user is enabled again; tokens issued to the user are refused while they are disabled.
    /// An admin cannot disable themselves (the last admin would lock everyone out).
    /// </summary>
    public async Task<UserRow> SetDisabledAsync(string username, bool disabled, string actor, CancellationToken cancellationToken = default)
    {
        if (Normalise(username) == Normalise(actor))
        {
            throw new AccountException("you cannot disable or enable your own account");
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserColumns} FROM users WHERE username = @username", new { username = Normalise(username) }, transaction,
            cancellationToken: cancellationToken))
            ?? throw new AccountException($"no user named {username}");
        if ((before.DisabledAt is not null) == disabled)
        {
            throw new AccountException(disabled ? $"{before.Username} is already disabled" : $"{before.Username} is not disabled");
        }
        var after = await connection.QuerySingleAsync<UserRow>(new CommandDefinition(
            $"""
            UPDATE users SET disabled_at = @disabledAt, security_stamp = @stamp, failed_logins = 0, locked_until = NULL WHERE id = @id
            RETURNING {UserColumns}
            """,
            new { id = before.Id, disabledAt = disabled ? Now : (DateTime?)null,
                stamp = disabled ? Secrets.NewStamp() : before.SecurityStamp },
            transaction, cancellationToken: cancellationToken));
        await new AuditLog(connection, transaction).WriteAsync(actor, disabled ? "disable" : "enable", "user", before.Username,
            Public(before), Public(after), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return after;
    }

    private async Task SetPasswordAsync(UserRow user, string password, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            // A new password ends every session signed in with the old one.
            "UPDATE users SET password_hash = @hash, failed_logins = 0, locked_until = NULL, security_stamp = @stamp WHERE id = @id",
            new { hash = Hasher.HashPassword(user, password), id = user.Id, stamp = Secrets.NewStamp() }, transaction,
            cancellationToken: cancellationToken));
        await new AuditLog(connection, transaction).WriteAsync(actor, "set-password", "user", user.Username, null, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static readonly string DummyHash = Hasher.HashPassword(null!, "not-a-real-password-" + Guid.NewGuid());

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    internal static object Public(UserRow user)
        => new { user.Username, user.Role, user.Province, user.DlaCode, disabled = user.DisabledAt is not null };

    internal const string UserColumns =
        "id, username, role, province, dla_code, password_hash, failed_logins, locked_until, created_at, created_by, disabled_at, "
        + "security_stamp";

    private static string UserColumnsOf(string alias) => string.Join(", ", UserColumns.Split(", ").Select(c => alias + "." + c));

    internal static string Normalise(string username) => username.Trim().ToLowerInvariant();

    internal static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Hashes and random values the account stores share.</summary>
internal static class Secrets
{
    public static readonly PasswordHasher<UserRow> Hasher = new();

    public static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A new security stamp: every sign-in cookie issued before it is refused on its next request.</summary>
    public static string NewStamp() => Base64Url(RandomNumberGenerator.GetBytes(16));
}
