namespace Atelier.Jobs.Running;

/// <summary>What halting does to jobs already running.</summary>
public enum HaltUrgency
{
    /// <summary>Start no more jobs; those running finish.</summary>
    Soon,

    /// <summary>Start no more jobs and kill those running.</summary>
    Now,
}
