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

public sealed record ApiTokenRow
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string Scopes { get; init; } = "";
    public string Role { get; init; } = "";
    public string? Province { get; init; }
    public string? DlaCode { get; init; }
    /// <summary>The user the token was issued to (it then stops while they are disabled); null for a token of a role and scope alone.</summary>
    public string? Owner { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTime CreatedAt { get; init => field = value.AsUtc(); }
    public DateTime? RevokedAt { get; init => field = value.AsUtc(); }
}

public enum LoginOutcome
{
    Ok,
    Invalid,
    LockedOut,
    Disabled,
}

public sealed record LoginResult(LoginOutcome Outcome, UserRow? User = null, DateTime? LockedUntil = null);

public enum ActivationOutcome
{
    Ok,
    WeakPassword,
    InvalidCode,
    /// <summary>The code was right, but an admin disabled this LAO's account; the code stays unused.</summary>
    Disabled,
}

public sealed record ActivationResult(ActivationOutcome Outcome, UserRow? User = null);

public sealed class AccountException(string message) : Exception(message);

/// <summary>Users, LAO activation codes and API tokens; every change is audited in its own transaction.</summary>
public sealed class AccountStore(Database database, IOptions<AccountOptions> options, TimeProvider clock)
{
    private static readonly PasswordHasher<UserRow> Hasher = new();
    // No 0/O or 1/I/L: codes are read out over the telephone and typed from paper.
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private AccountOptions Options => options.Value;

    public string? PasswordProblem(string? password, bool english = false) =>
        string.IsNullOrEmpty(password) || password.Length < Options.MinPasswordLength
            ? english ? $"The password must be at least {Options.MinPasswordLength} characters long" : $"รหัสผ่านต้องยาวอย่างน้อย {Options.MinPasswordLength} ตัวอักษร"
            : null;

    public async Task<UserRow> CreateUserAsync(string username, string role, string? province, string? dlaCode, string password, string actor, CancellationToken cancellationToken = default)
    {
        username = Normalise(username);
        if (!Roles.IsKnown(role) || username.Length == 0 || (role == Roles.Province) != !string.IsNullOrWhiteSpace(province)
            || (role == Roles.Lao) != !string.IsNullOrWhiteSpace(dlaCode))
        {
            throw new AccountException("a user needs a name, a known role, a province exactly when a province officer and a DLA code exactly when an LAO officer");
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
                new { username, role, province = NullIfBlank(province), dlaCode = NullIfBlank(dlaCode), hash = Hasher.HashPassword(null!, password), now = Now, actor },
                transaction, cancellationToken: cancellationToken));
            await new AuditLog(connection, transaction).WriteAsync(actor, "create", "user", username, null, Public(user), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return user;
        }
        catch (Exception e) when (Database.IsUniqueViolation(e))
        {
            throw new AccountException($"a user named {username} already exists");
        }
    }

    /// <summary>The `add-admin` verb: a new admin, or a new password for an existing admin (never turns another role into admin).</summary>
    public async Task<bool> AddOrResetAdminAsync(string username, string password, string actor, CancellationToken cancellationToken = default)
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

    /// <summary>A wrong password counts towards the lock-out; a locked account is refused even with the right password.</summary>
    public async Task<LoginResult> SignInAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(username, cancellationToken);
        if (user is null)
        {
            // Same work as a real check, so timing does not tell which names exist.
            Hasher.VerifyHashedPassword(null!, DummyHash, password ?? "");
            return new LoginResult(LoginOutcome.Invalid);
        }
        if (user.LockedUntil is { } until && until > Now)
        {
            return new LoginResult(LoginOutcome.LockedOut, LockedUntil: until);
        }
        var verdict = Hasher.VerifyHashedPassword(user, user.PasswordHash, password ?? "");
        await using var connection = await database.OpenAsync(cancellationToken);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var failed = user.FailedLogins + 1;
            DateTime? lockedUntil = failed >= Options.MaxFailedLogins ? Now.AddMinutes(Options.LockoutMinutes) : null;
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE users SET failed_logins = @failed, locked_until = @lockedUntil WHERE id = @id",
                new { failed = lockedUntil is null ? failed : 0, lockedUntil, id = user.Id }, cancellationToken: cancellationToken));
            return lockedUntil is null ? new LoginResult(LoginOutcome.Invalid) : new LoginResult(LoginOutcome.LockedOut, LockedUntil: lockedUntil);
        }
        if (user.DisabledAt is not null)
        {
            // Said only to whoever knows the password: the right person learns why, a guesser learns nothing more.
            return new LoginResult(LoginOutcome.Disabled, user);
        }
        var hash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(user, password!) : user.PasswordHash;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET failed_logins = 0, locked_until = NULL, password_hash = @hash WHERE id = @id",
            new { hash, id = user.Id }, cancellationToken: cancellationToken));
        return new LoginResult(LoginOutcome.Ok, user);
    }

    /// <summary>A fresh one-time code for an LAO; earlier unused codes of that LAO stop working.</summary>
    public async Task<string> IssueActivationCodeAsync(string dlaCode, string actor, CancellationToken cancellationToken = default)
    {
        var code = RandomNumberGenerator.GetString(CodeAlphabet, 12);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE activation_codes SET used_at = @now WHERE dla_code = @dlaCode AND used_at IS NULL",
            new { dlaCode, now = Now }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO activation_codes (dla_code, code_hash, issued_by, issued_at, expires_at, failed_attempts)
            VALUES (@dlaCode, @hash, @actor, @now, @expires, 0)
            """,
            new { dlaCode, hash = Sha256(NormaliseCode(code)), actor, now = Now, expires = Now.AddHours(Options.ActivationCodeHours) },
            transaction, cancellationToken: cancellationToken));
        await new AuditLog(connection, transaction).WriteAsync(actor, "issue-activation-code", "lao", dlaCode, null, new { expiresAt = Now.AddHours(Options.ActivationCodeHours) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return code;
    }

    /// <summary>
    /// The LAO's first login: DLA code, one-time code and the new password together. A weak password is refused before
    /// the code is looked at, so the code is never spent without a password being set; wrong codes burn it after the
    /// lock-out count.
    /// </summary>
    public async Task<ActivationResult> ActivateAsync(string dlaCode, string code, string password, CancellationToken cancellationToken = default)
    {
        if (PasswordProblem(password) is not null)
        {
            return new ActivationResult(ActivationOutcome.WeakPassword);
        }
        dlaCode = dlaCode.Trim();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var pending = await connection.QuerySingleOrDefaultAsync<PendingCode>(new CommandDefinition(
            """
            SELECT id, code_hash, expires_at, failed_attempts FROM activation_codes
            WHERE dla_code = @dlaCode AND used_at IS NULL
            ORDER BY issued_at DESC LIMIT 1
            """,
            new { dlaCode }, transaction, cancellationToken: cancellationToken));
        if (pending is null || pending.ExpiresAt <= Now)
        {
            return new ActivationResult(ActivationOutcome.InvalidCode);
        }
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(pending.CodeHash), Encoding.ASCII.GetBytes(Sha256(NormaliseCode(code)))))
        {
            var failed = pending.FailedAttempts + 1;
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE activation_codes SET failed_attempts = @failed, used_at = @usedAt WHERE id = @id",
                new { failed, usedAt = failed >= Options.MaxFailedLogins ? Now : (DateTime?)null, id = pending.Id }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return new ActivationResult(ActivationOutcome.InvalidCode);
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE activation_codes SET used_at = @now WHERE id = @id",
            new { now = Now, id = pending.Id }, transaction, cancellationToken: cancellationToken));
        var hash = Hasher.HashPassword(null!, password);
        var user = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"""
            INSERT INTO users (username, role, province, dla_code, password_hash, failed_logins, created_at, created_by)
            VALUES (@dlaCode, 'lao', NULL, @dlaCode, @hash, 0, @now, 'activation')
            ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, failed_logins = 0, locked_until = NULL
            WHERE users.role = 'lao' AND users.dla_code = excluded.dla_code AND users.disabled_at IS NULL
            RETURNING {UserColumns}
            """,
            new { dlaCode, hash, now = Now }, transaction, cancellationToken: cancellationToken));
        if (user is null)
        {
            // The name is held by a user of another kind, or an admin disabled this LAO's account: a code must never reset it
            // (the transaction is not committed, so the code stays unused for when the account is enabled again).
            var disabled = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM users WHERE username = @dlaCode AND role = 'lao' AND disabled_at IS NOT NULL",
                new { dlaCode }, transaction, cancellationToken: cancellationToken));
            return new ActivationResult(disabled > 0 ? ActivationOutcome.Disabled : ActivationOutcome.InvalidCode);
        }
        await new AuditLog(connection, transaction).WriteAsync(dlaCode, "activate", "user", dlaCode, null, Public(user), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ActivationResult(ActivationOutcome.Ok, user);
    }

    /// <summary>
    /// A bearer token with the given scopes, bound to the role and scope of its holder; shown once, stored hashed. With an
    /// <paramref name="owner"/> the holder is that user (their role and scope), and the token stops while they are disabled.
    /// </summary>
    public async Task<string> CreateApiTokenAsync(string name, string role, string? province, string? dlaCode, IReadOnlyList<string> scopes, string actor, CancellationToken cancellationToken = default, string? owner = null)
    {
        if (string.IsNullOrWhiteSpace(name) || scopes.Any(s => !Access.TokenScopes.Contains(s)))
        {
            throw new AccountException($"a token needs a name, and scopes among {string.Join(", ", Access.TokenScopes)}");
        }
        if (NullIfBlank(owner) is { } ownerName)
        {
            var holder = await FindAsync(ownerName, cancellationToken) ?? throw new AccountException($"no user named {ownerName}");
            if (holder.DisabledAt is not null)
            {
                throw new AccountException($"{holder.Username} is disabled");
            }
            (owner, role, province, dlaCode) = (holder.Username, holder.Role, holder.Province, holder.DlaCode);
        }
        else
        {
            owner = null;
        }
        if (!Roles.IsKnown(role) || (role == Roles.Province) != !string.IsNullOrWhiteSpace(province) || (role == Roles.Lao) != !string.IsNullOrWhiteSpace(dlaCode))
        {
            throw new AccountException("a token needs a known role, a province exactly for a province and a DLA code exactly for an LAO");
        }
        var token = "pn_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO api_tokens (name, token_hash, scopes, role, province, dla_code, owner, created_by, created_at)
            VALUES (@name, @hash, @scopes, @role, @province, @dlaCode, @owner, @actor, @now)
            """,
            new { name = name.Trim(), hash = Sha256(token), scopes = string.Join(' ', scopes.Distinct()), role, province = NullIfBlank(province), dlaCode = NullIfBlank(dlaCode), owner, actor, now = Now },
            transaction, cancellationToken: cancellationToken));
        await new AuditLog(connection, transaction).WriteAsync(actor, "create", "api-token", name, null, new { name, role, province, dlaCode, owner, scopes }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return token;
    }

    /// <summary>A token that works: known, not revoked, and (when issued to a user) its user exists and is not disabled.</summary>
    public async Task<ApiTokenRow?> FindApiTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ApiTokenRow>(new CommandDefinition(
            $"""
            SELECT {TokenColumns} FROM api_tokens t LEFT JOIN users u ON u.username = t.owner
            WHERE t.token_hash = @hash AND t.revoked_at IS NULL AND (t.owner IS NULL OR (u.id IS NOT NULL AND u.disabled_at IS NULL))
            """,
            new { hash = Sha256(token) }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ApiTokenRow>> ListApiTokensAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ApiTokenRow>(new CommandDefinition(
            $"SELECT {TokenColumns} FROM api_tokens t ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC, t.id DESC",
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Revokes a token for good (audited); a revoked or unknown token is refused with a reason.</summary>
    public async Task<ApiTokenRow> RevokeApiTokenAsync(long id, string actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await connection.QuerySingleOrDefaultAsync<ApiTokenRow>(new CommandDefinition(
            $"SELECT {TokenColumns} FROM api_tokens t WHERE t.id = @id", new { id }, transaction, cancellationToken: cancellationToken))
            ?? throw new AccountException($"no API token {id}");
        if (before.RevokedAt is not null)
        {
            throw new AccountException($"the token {before.Name} was already revoked");
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_tokens SET revoked_at = @now WHERE id = @id", new { id, now = Now }, transaction, cancellationToken: cancellationToken));
        var after = before with { RevokedAt = Now };
        await new AuditLog(connection, transaction).WriteAsync(actor, "revoke", "api-token", before.Name, before, after, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return after;
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
            $"SELECT {UserColumns} FROM users WHERE username = @username", new { username = Normalise(username) }, transaction, cancellationToken: cancellationToken))
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
            new { id = before.Id, disabledAt = disabled ? Now : (DateTime?)null, stamp = disabled ? Base64Url(RandomNumberGenerator.GetBytes(16)) : before.SecurityStamp },
            transaction, cancellationToken: cancellationToken));
        await new AuditLog(connection, transaction).WriteAsync(actor, disabled ? "disable" : "enable", "user", before.Username, Public(before), Public(after), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return after;
    }

    private async Task SetPasswordAsync(UserRow user, string password, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET password_hash = @hash, failed_logins = 0, locked_until = NULL WHERE id = @id",
            new { hash = Hasher.HashPassword(user, password), id = user.Id }, transaction, cancellationToken: cancellationToken));
        await new AuditLog(connection, transaction).WriteAsync(actor, "set-password", "user", user.Username, null, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private sealed record PendingCode
    {
        public long Id { get; init; }
        public string CodeHash { get; init; } = "";
        public DateTime ExpiresAt { get; init => field = value.AsUtc(); }
        public int FailedAttempts { get; init; }
    }

    private static readonly string DummyHash = Hasher.HashPassword(null!, "not-a-real-password-" + Guid.NewGuid());

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static object Public(UserRow user) => new { user.Username, user.Role, user.Province, user.DlaCode, disabled = user.DisabledAt is not null };

    private const string UserColumns = "id, username, role, province, dla_code, password_hash, failed_logins, locked_until, created_at, created_by, disabled_at, security_stamp";

    private static string UserColumnsOf(string alias) => string.Join(", ", UserColumns.Split(", ").Select(c => alias + "." + c));

    private const string TokenColumns = "t.id, t.name, t.scopes, t.role, t.province, t.dla_code, t.owner, t.created_by, t.created_at, t.revoked_at";

    private static string Normalise(string username) => username.Trim().ToLowerInvariant();

    private static string NormaliseCode(string code) => new(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
