namespace Atelier.Work;

/// <summary>One change in a batch: an item entered a state, or reported how far it is.</summary>
/// <param name="Index">The item's position in the input, from 0.</param>
/// <param name="State">The state the item has just entered.</param>
/// <param name="Percent">How far a running item is (0 to 100), when its handler reported it.</param>
/// <param name="Counts">The batch's counts just after this change.</param>
public readonly record struct WorkProgress(long Index, WorkItemState State, double? Percent, WorkCounts Counts);
