using Atelier.Labs.Async;
using Atelier.Labs.Cpu;
using Atelier.Labs.Deadlock;
using Atelier.Labs.Downloads;
using Atelier.Labs.Errors;
using Atelier.Labs.Pipeline;
using Atelier.Labs.Race;
using Atelier.Labs.Reorder;
using Atelier.Labs.Threads;
using Atelier.Labs.Workers;

namespace Atelier.Labs;

/// <summary>The chapter's lessons, in the chapter's order: the one place a lesson is added (its folder holds the rest).</summary>
public static class Lessons
{
    /// <summary>Every lesson.</summary>
    public static IReadOnlyList<Lesson> All { get; } =
    [
        ThreadsLesson.Definition,
        DownloadsLesson.Definition,
        RaceLesson.Definition,
        DeadlockLesson.Definition,
        ReorderLesson.Definition,
        PipelineLesson.Definition,
        CpuLesson.Definition,
        WorkersLesson.Definition,
        ErrorsLesson.Definition,
        AsyncLesson.Definition,
    ];

    /// <summary>The lesson of that name, or null.</summary>
    public static Lesson? Find(string name) => All.FirstOrDefault(l => l.Name == name);

    /// <summary>The lessons' names and descriptions as one line of JSON.</summary>
    public static string ToJson() => ReadableJson.Serialize<IReadOnlyList<LessonInfo>>([.. All.Select(l => new LessonInfo(l.Name, l.Description))], LessonsJson.Default.IReadOnlyListLessonInfo);
}
