namespace Atelier.Labs;

/// <summary>A lesson's name and what it shows, for listings.</summary>
/// <param name="Name">The name <c>atelier lab NAME</c> takes.</param>
/// <param name="Description">One line saying what the lesson shows.</param>
public sealed record LessonInfo(string Name, string Description);
