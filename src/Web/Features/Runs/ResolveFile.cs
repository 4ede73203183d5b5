using System.Net;
using System.Text.Json;
using PlanNacc.Crawler;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Runs;

/// <summary>Scans:ResolveFile: a JSON object host → IP address (the site farm's hostmap.json), applied like curl's --resolve.</summary>
public static class ResolveFile
{
    public static void Apply(string path, CrawlerOptions crawler)
    {
        Dictionary<string, string> map;
        try
        {
            map = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? [];
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new StorageConfigurationException(
                $"Scans:ResolveFile {path} is not a readable JSON object of host → address ({e.Message})", e);
        }
        foreach (var (host, address) in map)
        {
            crawler.Resolve[host] = IPAddress.TryParse(address, out var ip)
                ? ip
                : throw new StorageConfigurationException($"Scans:ResolveFile {path}: '{address}' (for {host}) is not an IP address");
        }
    }
}
