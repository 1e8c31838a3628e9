namespace Atelier;

/// <summary>How the unit letters of a size count, as each command's peers count them.</summary>
public enum SizeUnits
{
    /// <summary>curl's and wget's: <c>k</c> and <c>K</c> are 1,024, <c>M</c> 1,024², <c>G</c> 1,024³ (<c>--limit-rate 500k</c>).</summary>
    Binary,

    /// <summary>GNU parallel's: <c>K</c> <c>M</c> <c>G</c> <c>T</c> <c>P</c> are powers of 1,024, <c>k</c> <c>m</c> <c>g</c> <c>t</c> <c>p</c> powers of 1,000; <c>Ki</c> and <c>ki</c> are 1,024 (<c>--block 10M</c>).</summary>
    Parallel,

    /// <summary>As file sizes are shown: <c>k</c> and <c>K</c> are 1,000, <c>M</c> 1,000²; <c>KiB</c>, <c>MiB</c> are powers of 1,024 (<c>--max-bytes 60k</c>).</summary>
    Decimal,
}
