namespace HubSpotEmulator.Properties;

/// <summary>The default pipeline of deals and tickets: a stage is only valid inside its pipeline.</summary>
internal sealed record Pipelines(
    string PipelineProperty,
    string StageProperty,
    string DefaultPipeline,
    IReadOnlyDictionary<string, IReadOnlyList<PropertyOption>> StagesByPipeline)
{
    public static readonly Pipelines Deals = new(
        "pipeline",
        "dealstage",
        "default",
        new Dictionary<string, IReadOnlyList<PropertyOption>>
        {
            ["default"] = Options(
                ("Appointment scheduled", "appointmentscheduled"),
                ("Qualified to buy", "qualifiedtobuy"),
                ("Presentation scheduled", "presentationscheduled"),
                ("Decision maker bought-in", "decisionmakerboughtin"),
                ("Contract sent", "contractsent"),
                ("Closed won", "closedwon"),
                ("Closed lost", "closedlost")),
        });

    public static readonly Pipelines Tickets = new(
        "hs_pipeline",
        "hs_pipeline_stage",
        "0",
        new Dictionary<string, IReadOnlyList<PropertyOption>>
        {
            ["0"] = Options(("New", "1"), ("Waiting on contact", "2"), ("Waiting on us", "3"), ("Closed", "4")),
        });

    public IReadOnlyList<PropertyOption> PipelineOptions =>
        [.. StagesByPipeline.Keys.Select(static (id, i) => new PropertyOption(id == "default" ? "Sales Pipeline" : "Support Pipeline", id, i, false))];

    public IReadOnlyList<PropertyOption> AllStages => [.. StagesByPipeline.Values.SelectMany(static s => s)];

    public static IReadOnlyList<PropertyOption> Options(params (string Label, string Value)[] options) =>
        [.. options.Select(static (o, i) => new PropertyOption(o.Label, o.Value, i, false))];
}
