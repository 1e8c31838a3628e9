using System.Text.Json.Serialization;
using Atelier.Imaging.Incremental;
using Atelier.Imaging.Reporting;

namespace Atelier.Imaging;

/// <summary>JSON for the resizer: report lines and the incremental manifests.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(List<ManifestEntry>))]
[JsonSerializable(typeof(ResizeRecord))]
[JsonSerializable(typeof(ManifestFile))]
internal sealed partial class ImagingJsonContext : JsonSerializerContext;
