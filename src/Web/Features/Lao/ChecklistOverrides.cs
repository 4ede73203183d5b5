using PlanNacc.Web.Features.Overrides;

namespace PlanNacc.Web.Features.Lao;

/// <summary>Attestations from the LAO page: the checklist is what the attestation is about.</summary>
public static class ChecklistOverrides
{
    public static OverrideSubject ToOverrideSubject(this LaoChecklist checklist) =>
        new(checklist.Lao.DlaCode, checklist.Scan?.CriteriaYear,
            checklist.Items.Select(i => new OverrideSubject.Item(i.Code, i.Evidence)).ToList(), checklist.Scan?.Id);

    /// <summary>A pending attestation of one item of the checklist's scan (see <see cref="OverrideStore.SubmitAsync"/>).</summary>
    public static Task<OverrideRow> SubmitAsync(
        this OverrideStore overrides, LaoChecklist checklist, string itemCode, string url, string reason, string actor,
        CancellationToken cancellationToken = default) =>
        overrides.SubmitAsync(checklist.ToOverrideSubject(), itemCode, url, reason, actor, cancellationToken);
}
