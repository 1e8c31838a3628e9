namespace Atelier.Labs;

/// <summary>What a lesson measured and what it means.</summary>
/// <remarks>Each lesson extends this with its own figures; all of it serialises to JSON.</remarks>
public abstract record LessonReport
{
    /// <summary>The lesson's name, as <c>atelier lab NAME</c> runs it.</summary>
    public abstract string Lesson { get; }

    /// <summary>Whether the experiment showed what it exists to show (exact counts, identical results...).</summary>
    public abstract bool Succeeded { get; }

    /// <summary>Items that failed inside the experiment; only the errors lesson has any, on purpose.</summary>
    public virtual int ItemsFailed => 0;

    /// <summary>What happened and why, one sentence each, with the measured figures.</summary>
    public abstract IReadOnlyList<string> Findings { get; }

    /// <summary>The figures as tables, for people.</summary>
    public abstract IReadOnlyList<ReportTable> ToTables();

    /// <summary>The report as one line of JSON (snake_case names, no nulls), by its lesson's own JSON context.</summary>
    public abstract string ToJson();
}
