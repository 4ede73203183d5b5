namespace PlanNacc.SiteFarm.Generation;

/// <summary>The URL shapes of the LAO CMS families. Every call hands out a fresh, unique href.</summary>
internal abstract class UrlScheme
{
    private int _counter;

    protected UrlScheme(Rng rng) => Base = rng.Next(1100, 5000);

    protected int Base { get; }

    protected int Next() => Base + ++_counter;

    /// <summary>A page reached from the menu (content or listing).</summary>
    public abstract string Menu(string slug, string label);

    /// <summary>A category listing of documents.</summary>
    public virtual string Category(string slug, string label) => Menu(slug, label);

    /// <summary>A detail page (news item, document page).</summary>
    public abstract string Detail(string slug);

    public virtual string Persons(string slug, string label) => Menu(slug, label);

    /// <summary>A file; thaiName = true keeps the Thai name (percent-encoded) in the URL, as many LAO uploads do.</summary>
    public abstract string File(string asciiName, string thaiName, string ext, bool keepThai, int ceYear);

    public string Folder(string slug) => "/ita/" + slug + "/";

    protected static string Enc(string s) => Uri.EscapeDataString(s);

    public static UrlScheme For(Scheme scheme, Rng rng) => scheme switch
    {
        Scheme.Cms => new CmsScheme(rng),
        Scheme.Php => new PhpScheme(rng),
        Scheme.WordPress => new WordPressScheme(rng),
        _ => new StaticScheme(rng),
    };
}

/// <summary>The national LAO CMS: /public/list/data/index/menu/NNNN and /public/list/data/datacategory/catid/N/menu/NNNN.</summary>
internal sealed class CmsScheme(Rng rng) : UrlScheme(rng)
{
    private int _cat;
    private int _structure = 16;
    private int _upload = 100;

    public override string Menu(string slug, string label) => $"/public/list/data/index/menu/{Next()}";

    public override string Category(string slug, string label) =>
        $"/public/list/data/datacategory/catid/{++_cat}/menu/{Base}/";

    public override string Detail(string slug) => $"/public/list/data/detail/id/{Next() + 3000}/menu/{Base + 1}/page/1";

    public override string Persons(string slug, string label) =>
        $"/public/person/data/chart/structure_id/{++_structure}/menu/{Next()}";

    public override string File(string asciiName, string thaiName, string ext, bool keepThai, int ceYear) =>
        keepThai
            ? $"/public/list/upload/backend/list_{++_upload}/{Enc(thaiName)}.{ext}"
            : $"/public/list/upload/backend/list_{++_upload}/files_{_upload * 7 % 1000}_1.{ext}";
}

/// <summary>Home-grown PHP sites: index.php?menuid=NN and index.php?mod=…&amp;id=….</summary>
internal sealed class PhpScheme(Rng rng) : UrlScheme(rng)
{
    private int _menu;

    public override string Menu(string slug, string label) => $"/index.php?menuid={++_menu}";

    public override string Category(string slug, string label) => $"/index.php?mod=category&id={Next() % 1000}";

    public override string Detail(string slug) => $"/index.php?mod=content&id={Next()}";

    public override string File(string asciiName, string thaiName, string ext, bool keepThai, int ceYear) =>
        keepThai ? $"/uploads/files/{Enc(thaiName)}.{ext}" : $"/uploads/files/{asciiName}_{Next()}.{ext}";
}

/// <summary>WordPress: /?page_id=NN, /category/slug/ (Thai slugs percent-encoded), /wp-content/uploads/YYYY/MM/.</summary>
internal sealed class WordPressScheme(Rng rng) : UrlScheme(rng)
{
    private int _month = 1;

    public override string Menu(string slug, string label) => $"/?page_id={Next()}";

    public override string Category(string slug, string label)
    {
        var thaiSlug = string.Join('-', label.Split(' ', '/', '(', ')').Where(p => p.Length > 0));
        return $"/category/{Enc(thaiSlug)}-{Next() % 100}/";
    }

    public override string Detail(string slug) => $"/?p={Next() + 2000}";

    public override string File(string asciiName, string thaiName, string ext, bool keepThai, int ceYear)
    {
        _month = _month % 12 + 1;
        var folder = $"/wp-content/uploads/{ceYear}/{_month:00}/";
        return keepThai ? folder + Enc(thaiName) + "." + ext : folder + asciiName + "-" + Next() + "." + ext;
    }
}

/// <summary>Old hand-made sites: one .html file per page, files/ for uploads.</summary>
internal sealed class StaticScheme(Rng rng) : UrlScheme(rng)
{
    private readonly HashSet<string> _used = [];

    private string Unique(string slug)
    {
        var s = slug.Replace('-', '_');
        for (var i = 2; !_used.Add(s); i++)
        {
            s = slug.Replace('-', '_') + "_" + i;
        }
        return s;
    }

    public override string Menu(string slug, string label) => "/" + Unique(slug) + ".html";

    public override string Detail(string slug) => "/news/" + Unique(slug) + "_" + Next() + ".html";

    public override string File(string asciiName, string thaiName, string ext, bool keepThai, int ceYear) =>
        keepThai ? "/files/" + Enc(thaiName) + "." + ext : "/files/" + Unique(asciiName) + "." + ext;
}
