namespace LatentSharp.Training;

/// <summary>The phases of a model's run, checked.</summary>
internal static class TrainingPhases
{
    /// <summary>The single phase of a model that declares none.</summary>
    public static readonly TrainingPhase Whole = new("train", 0, "the whole run");

    /// <summary>The model's phases (or one), refusing an empty list, duplicate names or a non-final phase without epochs.</summary>
    public static IReadOnlyList<TrainingPhase> Of(ITrainable model)
    {
        if (model is not IPhasedTrainable phased) return [Whole];
        var phases = phased.Phases;
        if (phases is null || phases.Count == 0) throw new InvalidOperationException($"{model.Name} declares no phases.");
        if (phases.Select(p => p.Name).Distinct().Count() != phases.Count)
            throw new InvalidOperationException($"{model.Name} declares two phases with one name: {string.Join(", ", phases.Select(p => p.Name))}.");
        for (int i = 0; i < phases.Count - 1; i++)
            if (phases[i].Epochs < 1) throw new InvalidOperationException($"{model.Name}'s phase '{phases[i].Name}' lasts {phases[i].Epochs} epochs; every phase but the last needs at least 1.");
        return phases;
    }
}
