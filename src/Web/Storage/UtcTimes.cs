namespace PlanNacc.Web.Storage;

/// <summary>Every stored time is UTC; SQLite hands it back without a kind, so rows mark it on the way in.</summary>
public static class UtcTimes
{
    public static DateTime AsUtc(this DateTime value) =>
        value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);

    public static DateTime? AsUtc(this DateTime? value) => value?.AsUtc();
}
