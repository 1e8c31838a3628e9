using System.Globalization;
using System.Net;

namespace Atelier.Monitoring.Dashboard;

/// <summary>Where the dashboard listens: <c>9100</c> (loopback), <c>127.0.0.1:9100</c>, <c>0.0.0.0:9100</c>, <c>[::1]:9100</c>.</summary>
public static class DashboardAddress
{
    /// <summary>The default: loopback only, port 9100.</summary>
    public static IPEndPoint Default { get; } = new(IPAddress.Loopback, 9100);

    /// <summary>Reads an address; a bare port listens on loopback only, another interface must be named.</summary>
    public static bool TryParse(string text, out IPEndPoint endpoint)
    {
        endpoint = Default;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535)
        {
            endpoint = new IPEndPoint(IPAddress.Loopback, port);
            return true;
        }

        if (text.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase))
        {
            return TryParse(text["localhost:".Length..], out endpoint);
        }

        // An address must be named with its port: "0.0.0.0:9100" opens the dashboard to the network on purpose.
        if (text.Contains(':', StringComparison.Ordinal) && IPEndPoint.TryParse(text, out var parsed))
        {
            endpoint = parsed;
            return true;
        }

        return false;
    }
}
