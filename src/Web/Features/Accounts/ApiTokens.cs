using System.Security.Cryptography;
using Dapper;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Accounts;

public sealed record ApiTokenRow
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string Scopes { get; init; } = "";
    public string Role { get; init; } = "";
    public string? Province { get; init; }
    public string? DlaCode { get; init; }
    /// <summary>The user the token was issued to (it stops while they are disabled); null for a token of a role and scope.</summary>
    public string? Owner { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTime CreatedAt { get; init => field = value.AsUtc(); }
    public DateTime? RevokedAt { get; init => field = value.AsUtc(); }
}

/// <summary>Bearer tokens for scripts (only under /api): issued with scopes, shown once, stored hashed, revoked for good.</summary>
public sealed class ApiTokens(Database database, AccountStore accounts, TimeProvider clock)
{
    private const string TokenColumns =
        "t.id, t.name, t.scopes, t.role, t.province, t.dla_code, t.owner, t.created_by, t.created_at, t.revoked_at";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// A bearer token with the given scopes, bound to the role and scope of its holder; shown once, stored hashed. With an
    /// <paramref name="owner"/> the holder is that user (their role and scope), and the token stops while they are disabled.
    /// </summary>
    public async Task<string> CreateAsync(string name, string role, string? province, string? dlaCode, IReadOnlyList<string> scopes,
        string actor, CancellationToken cancellationToken = default, string? owner = null)
    {
        if (string.IsNullOrWhiteSpace(name) || scopes.Any(s => !Access.TokenScopes.Contains(s)))
        {
            throw new AccountException($"a token needs a name, and scopes among {string.Join(", ", Access.TokenScopes)}");
        }
        if (AccountStore.NullIfBlank(owner) is { } ownerName)
        {
            var holder = await accounts.FindAsync(ownerName, cancellationToken) ?? throw new AccountException($"no user named {ownerName}");
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
        if (!Roles.IsKnown(role) || (role == Roles.Province) != !string.IsNullOrWhiteSpace(province)
            || (role == Roles.Lao) != !string.IsNullOrWhiteSpace(dlaCode))
        {
            throw new AccountException("a token needs a known role, a province exactly for a province and a DLA code exactly for an LAO");
        }
        var token = "pn_" + Secrets.Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO api_tokens (name, token_hash, scopes, role, province, dla_code, owner, created_by, created_at)
            VALUES (@name, @hash, @scopes, @role, @province, @dlaCode, @owner, @actor, @now)
            """,
            new
            {
                name = name.Trim(), hash = Secrets.Sha256(token), scopes = string.Join(' ', scopes.Distinct()), role,
                province = AccountStore.NullIfBlank(province), dlaCode = AccountStore.NullIfBlank(dlaCode), owner, actor, now = Now,
            },
            transaction, cancellationToken: cancellationToken));
        await new AuditLog(connection, transaction).WriteAsync(
            actor, "create", "api-token", name, null, new { name, role, province, dlaCode, owner, scopes }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return token;
    }

    /// <summary>A token that works: known, not revoked, and (when issued to a user) its user exists and is not disabled.</summary>
    public async Task<ApiTokenRow?> FindAsync(string token, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ApiTokenRow>(new CommandDefinition(
            $"""
            SELECT {TokenColumns} FROM api_tokens t LEFT JOIN users u ON u.username = t.owner
            WHERE t.token_hash = @hash AND t.revoked_at IS NULL AND (t.owner IS NULL OR (u.id IS NOT NULL AND u.disabled_at IS NULL))
            """,
            new { hash = Secrets.Sha256(token) }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ApiTokenRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ApiTokenRow>(new CommandDefinition(
            $"SELECT {TokenColumns} FROM api_tokens t ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC, t.id DESC",
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Revokes a token for good (audited); a revoked or unknown token is refused with a reason.</summary>
    public async Task<ApiTokenRow> RevokeAsync(long id, string actor, CancellationToken cancellationToken = default)
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
            "UPDATE api_tokens SET revoked_at = @now WHERE id = @id", new { id, now = Now }, transaction,
            cancellationToken: cancellationToken));
        var after = before with { RevokedAt = Now };
        await new AuditLog(connection, transaction).WriteAsync(actor, "revoke", "api-token", before.Name, before, after, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return after;
    }
}
