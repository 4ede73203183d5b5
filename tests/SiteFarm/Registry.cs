using System.Text;

namespace PlanNacc.SiteFarm;

/// <summary>The farm's LAOs in the layout of the DLA registry CSV (../shared/lao-registry), website = the site root.</summary>
internal static class Registry
{
    public const string Header = "dla_code,type,name,province,province_geocode,lao_geocode,size,dola_year,website,all_urls";

    public static string Csv(IEnumerable<FarmSite> sites, int fiscalYear)
    {
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var s in sites)
        {
            sb.Append(s.DlaCode).Append(',').Append(s.Type).Append(',').Append(Quote(s.Name)).Append(',').Append(Quote(s.Province))
                .Append(',')
                .Append(s.Geocode[..2]).Append(',').Append(s.Geocode).Append(',').Append(s.Size).Append(',').Append(fiscalYear - 543)
                    .Append(',')
                .Append(s.Website ?? s.Root).Append(',').Append(s.Website ?? s.Root).Append('\n');
        }
        return sb.ToString();
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
