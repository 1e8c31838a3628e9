using Atelier.Monitoring.Sampling;
using Atelier.Tests.Support;

namespace Atelier.Monitoring.Tests.Sampling;

/// <summary>Temperatures from captured /sys trees: hwmon chips, thermal zones when there are none, and no sensors at all.</summary>
public sealed class SensorsTests
{
    [Fact]
    public void Discover_Hwmon_LabelsAsSensorsDoesAndTheHottestIsReadFreshEachTime()
    {
        using var sys = new TempFolder();
        Chip(sys, "hwmon0", "coretemp", (1, 45000, "Package id 0"), (2, 52000, "Core 0"));
        Chip(sys, "hwmon1", "nvme", (1, 38850, "Composite"));
        Chip(sys, "hwmon2", "acpi_fan");
        Chip(sys, "hwmon10", "k10temp", (1, 40125, null));
        using var sensors = Sensors.Discover(sys.Path);

        Assert.Equal(["coretemp Package id 0", "coretemp Core 0", "nvme Composite", "k10temp temp1"], sensors.Labels);
        Assert.Equal(52.0, sensors.Hottest());
        File.WriteAllText(Path.Combine(sys.Path, "class/hwmon/hwmon1/temp1_input"), "91500\n");
        Assert.Equal(91.5, sensors.Hottest());
    }

    [Fact]
    public void Discover_NoHwmonTemperatures_ReadsTheThermalZones()
    {
        using var sys = new TempFolder();
        Chip(sys, "hwmon0", "acpi_fan");
        Zone(sys, "thermal_zone0", "x86_pkg_temp", 47000);
        Zone(sys, "thermal_zone1", "acpitz", 27800);
        Directory.CreateDirectory(Path.Combine(sys.Path, "class/thermal/cooling_device0"));
        using var sensors = Sensors.Discover(sys.Path);

        Assert.Equal(["x86_pkg_temp (thermal zone0)", "acpitz (thermal zone1)"], sensors.Labels);
        Assert.Equal(47.0, sensors.Hottest());
    }

    [Fact]
    public void Discover_NoSensors_IsEmptyAndTheTemperatureIsNotANumber()
    {
        using var sys = new TempFolder();
        using var sensors = Sensors.Discover(sys.Path);

        Assert.Empty(sensors.Labels);
        Assert.True(double.IsNaN(sensors.Hottest()));
    }

    [Fact]
    public void Hottest_ASensorThatStopsAnswering_IsLeftOut()
    {
        using var sys = new TempFolder();
        Chip(sys, "hwmon0", "coretemp", (1, 45000, "Package id 0"), (2, 52000, "Core 0"));
        using var sensors = Sensors.Discover(sys.Path);
        File.WriteAllText(Path.Combine(sys.Path, "class/hwmon/hwmon0/temp2_input"), "");

        Assert.Equal(45.0, sensors.Hottest());
    }

    internal static void Chip(TempFolder sys, string folder, string name, params (int Number, int Millidegrees, string? Label)[] temperatures)
    {
        var chip = Path.Combine(sys.Path, "class/hwmon", folder);
        Directory.CreateDirectory(chip);
        File.WriteAllText(Path.Combine(chip, "name"), name + "\n");
        foreach (var (number, millidegrees, label) in temperatures)
        {
            File.WriteAllText(Path.Combine(chip, $"temp{number}_input"), $"{millidegrees}\n");
            if (label is not null)
            {
                File.WriteAllText(Path.Combine(chip, $"temp{number}_label"), label + "\n");
            }
        }
    }

    private static void Zone(TempFolder sys, string folder, string type, int millidegrees)
    {
        var zone = Path.Combine(sys.Path, "class/thermal", folder);
        Directory.CreateDirectory(zone);
        File.WriteAllText(Path.Combine(zone, "type"), type + "\n");
        File.WriteAllText(Path.Combine(zone, "temp"), $"{millidegrees}\n");
    }
}
