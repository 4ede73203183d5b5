using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Accounts;

public enum ActivationOutcome
{
    /// <summary>A new LAO account: signed in with the password just chosen.</summary>
    Ok,
    /// <summary>An existing LAO account's password was reset: not signed in here, its old sessions ended.</summary>
    PasswordReset,
    WeakPassword,
    InvalidCode,
    /// <summary>The code was right, but an admin disabled this LAO's account; the code stays unused.</summary>
    Disabled,
}

public sealed record ActivationResult(ActivationOutcome Outcome, UserRow? User = null);

/// <summary>
/// One-time codes a province officer or an admin issues so an LAO sets its own password: the first login of an LAO, and
/// (issued by an admin only) a forgotten LAO password. A code never signs in over an account that already has a password.
/// </summary>
public sealed class ActivationCodes(Database database, AccountStore accounts, IOptions<AccountOptions> options, TimeProvider clock)
{
    // No 0/O or 1/I/L: codes are read out over the telephone and typed from paper.
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private AccountOptions Options => options.Value;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// A fresh one-time code for an LAO; earlier unused codes of that LAO stop working. Once the LAO has an account, only an
    /// admin may issue one (a reset): a province officer holding a code for an existing account could otherwise take it over.
    /// </summary>
    public async Task<string> IssueAsync(
        string dlaCode, string actor, bool actorIsAdmin = false, CancellationToken cancellationToken = default)
    {
        if (!actorIsAdmin && await accounts.FindAsync(dlaCode, cancellationToken) is not null)
        {
            throw new AccountException("this LAO already has an account: only an administrator can reset its password");
        }
        var code = RandomNumberGenerator.GetString(CodeAlphabet, 12);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE activation_codes SET used_at = @now WHERE dla_code = @dlaCode AND used_at IS NULL",
            new { dlaCode, now = Now }, transaction, cancellationToken: cancellationToken));
        var expires = Now.AddHours(Options.ActivationCodeHours);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO activation_codes (dla_code, code_hash, issued_by, issued_at, expires_at, failed_attempts)
            VALUES (@dlaCode, @hash, @actor, @now, @expires, 0)
            """,
            new { dlaCode, hash = Secrets.Sha256(NormaliseCode(code)), actor, now = Now, expires },
            transaction, cancellationToken: cancellationToken));
        await new AuditLog(connection, transaction).WriteAsync(
            actor, "issue-activation-code", "lao", dlaCode, null, new { expiresAt = expires }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return code;
    }

    /// <summary>
    /// DLA code, one-time code and the new password together. A weak password is refused before the code is looked at, so
    /// the code is never spent without a password being set; wrong codes burn it after the lock-out count. A new account is
    /// signed in; an existing one gets the new password and a new security stamp (its sessions end) but is not signed in.
    /// </summary>
    public async Task<ActivationResult> ActivateAsync(
        string dlaCode, string code, string password, CancellationToken cancellationToken = default)
    {
        if (accounts.PasswordProblem(password) is not null)
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
        var given = Encoding.ASCII.GetBytes(Secrets.Sha256(NormaliseCode(code)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(pending.CodeHash), given))
        {
            // Counted in one statement, so parallel guesses cannot outrun the count.
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE activation_codes SET failed_attempts = failed_attempts + 1,
                  used_at = CASE WHEN failed_attempts + 1 >= @max THEN @now ELSE used_at END
                WHERE id = @id
                """,
                new { max = Options.MaxFailedLogins, now = Now, id = pending.Id }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return new ActivationResult(ActivationOutcome.InvalidCode);
        }
        var spent = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE activation_codes SET used_at = @now WHERE id = @id AND used_at IS NULL",
            new { now = Now, id = pending.Id }, transaction, cancellationToken: cancellationToken));
        if (spent == 0)
        {
            return new ActivationResult(ActivationOutcome.InvalidCode);
        }
        var existed = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM users WHERE username = @dlaCode", new { dlaCode }, transaction,
            cancellationToken: cancellationToken)) > 0;
        var user = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"""
            INSERT INTO users (username, role, province, dla_code, password_hash, failed_logins, created_at, created_by, security_stamp)
            VALUES (@dlaCode, 'lao', NULL, @dlaCode, @hash, 0, @now, 'activation', @stamp)
            ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, failed_logins = 0, locked_until = NULL,
              security_stamp = excluded.security_stamp
            WHERE users.role = 'lao' AND users.dla_code = excluded.dla_code AND users.disabled_at IS NULL
            RETURNING {AccountStore.UserColumns}
            """,
            new { dlaCode, hash = Secrets.Hasher.HashPassword(null!, password), now = Now, stamp = Secrets.NewStamp() },
            transaction, cancellationToken: cancellationToken));
        if (user is null)
        {
            // The name is held by a user of another kind, or an admin disabled this LAO's account: a code must never reset it
            // (the transaction is not committed, so the code stays unused for when the account is enabled again).
            var disabled = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM users WHERE username = @dlaCode AND role = 'lao' AND disabled_at IS NOT NULL",
                new { dlaCode }, transaction, cancellationToken: cancellationToken));
            return new ActivationResult(disabled > 0 ? ActivationOutcome.Disabled : ActivationOutcome.InvalidCode);
        }
        await new AuditLog(connection, transaction).WriteAsync(
            dlaCode, existed ? "reset-password" : "activate", "user", dlaCode, null, AccountStore.Public(user), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ActivationResult(existed ? ActivationOutcome.PasswordReset : ActivationOutcome.Ok, user);
    }

    private static string NormaliseCode(string code) => new(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    private sealed record PendingCode
    {
        public long Id { get; init; }
        public string CodeHash { get; init; } = "";
        public DateTime ExpiresAt { get; init => field = value.AsUtc(); }
        public int FailedAttempts { get; init; }
    }
}
