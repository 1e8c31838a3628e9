using System.Text.Json.Serialization;
using Atelier.Monitoring.Alerts;

namespace Atelier.Monitoring;

/// <summary>JSON for the monitor: alert events (log lines, webhook bodies), and the top processes on the dashboard.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(AlertEvent))]
[JsonSerializable(typeof(Processes.TopProcesses))]
internal sealed partial class MonitoringJsonContext : JsonSerializerContext;
