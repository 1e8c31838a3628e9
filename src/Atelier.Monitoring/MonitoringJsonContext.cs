using System.Text.Json.Serialization;
using Atelier.Monitoring.Alerts;

namespace Atelier.Monitoring;

/// <summary>JSON for the monitor: alert events (log lines, webhook bodies).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(AlertEvent))]
public sealed partial class MonitoringJsonContext : JsonSerializerContext;
