using Atelier.Labs;
using Spectre.Console;

namespace Atelier.Cli.Rendering;

/// <summary>A lesson's report for people: its tables, then what happened and why.</summary>
internal static class LessonRenderer
{
    public static void Render(IAnsiConsole console, LessonReport report)
    {
        foreach (var table in report.ToTables())
        {
            console.Write(ToTable(table));
        }

        foreach (var finding in report.Findings)
        {
            console.WriteLine($"- {finding}");
        }
    }

    private static Table ToTable(ReportTable source)
    {
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle(Markup.Escape(source.Title)) };
        foreach (var column in source.Columns)
        {
            table.AddColumn(new TableColumn(new Text(column)));
        }

        foreach (var row in source.Rows)
        {
            table.AddRow(row.Select(cell => new Text(cell)));
        }

        return table;
    }
}
