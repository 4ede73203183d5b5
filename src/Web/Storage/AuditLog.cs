using System.Data.Common;
using Dapper;

namespace PlanNacc.Web.Storage;

/// <summary>Who changed what, when, before and after; written inside the transaction of the change itself.</summary>
public sealed class AuditLog(DbConnection connection, DbTransaction transaction)
{
    public Task WriteAsync(
        string actor,
        string action,
        string entity,
        string entityId,
        object? before,
        object? after,
        CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit_log (at, actor, action, entity, entity_id, before_json, after_json)
            VALUES (@at, @actor, @action, @entity, @entityId, @before, @after)
            """,
            new
            {
                at = DateTime.UtcNow,
                actor,
                action,
                entity,
                entityId,
                before = before is null ? null : Json.Serialize(before),
                after = after is null ? null : Json.Serialize(after),
            },
            transaction,
            cancellationToken: cancellationToken));
}
