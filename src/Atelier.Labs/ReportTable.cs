namespace Atelier.Labs;

/// <summary>A table of figures: a title, column headings and rows of already formatted cells.</summary>
/// <param name="Title">What the table shows.</param>
/// <param name="Columns">The column headings.</param>
/// <param name="Rows">The rows, one cell per column.</param>
public sealed record ReportTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);
