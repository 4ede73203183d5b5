using Microsoft.Extensions.Options;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Scans.Evidence;

/// <summary>The kept evidence bytes, content-addressed under the data folder: evidence/ab/abcdef…(sha256).</summary>
public sealed class EvidenceFiles(string root)
{
    public EvidenceFiles(IOptions<StorageOptions> options) : this(options.Value.EvidenceDir)
    {
    }

    public string Root { get; } = root;

    public string StagingRoot => Path.Combine(Root, ".staging");

    public static string RelativePath(string sha256) => Path.Combine(sha256[..2], sha256);

    public string FullPath(string sha256) => Path.Combine(Root, RelativePath(sha256));

    /// <summary>Moves a staged file to its content address; when the same bytes are already kept, the staged copy is dropped.</summary>
    public string Promote(string stagedFile, string sha256)
    {
        var target = FullPath(sha256);
        if (!File.Exists(target))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            try
            {
                File.Move(stagedFile, target);
            }
            catch (IOException) when (File.Exists(target))
            {
                // Another scan kept the same bytes at the same moment: theirs is identical.
            }
        }
        return RelativePath(sha256);
    }
}
