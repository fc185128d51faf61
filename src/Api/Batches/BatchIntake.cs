using HubSpotCrm.Api.Submissions;
using HubSpotCrm.Api.Validation;

namespace HubSpotCrm.Api.Batches;

/// <summary>
/// Validates a bulk submission's items one by one as they are read, each as the single submission of its route is,
/// and keeps the commands of the valid ones and the problems of the others.
/// </summary>
public sealed class BatchIntake<TCommand>(ISubmissionValidator<TCommand> validator) : IBatchIntake
    where TCommand : class
{
    private readonly List<(int Index, TCommand Command)> _valid = [];
    private readonly List<BatchRejection> _rejected = [];

    /// <summary>Every problem of every item, keyed by its path (items[3].email), as a refused batch's 422 lists them.</summary>
    public ValidationErrors Errors { get; } = new();

    public int Count { get; private set; }

    public IReadOnlyList<(int Index, TCommand Command)> Valid => _valid;

    public IReadOnlyList<BatchRejection> Rejected => _rejected;

    public void Add(BatchInput input)
    {
        var problems = new ValidationErrors();
        var command = input.Element.ValueKind == System.Text.Json.JsonValueKind.Object
            ? validator.Validate(input.Element, Guid.Empty, problems)
            : Invalid(problems, "Each item must be a JSON object, the body of a single submission.");
        if (command is null)
        {
            Refuse(input, problems);
            return;
        }
        Count++;
        _valid.Add((input.Index, command));
    }

    public void AddUnreadable(BatchInput input, string problem)
    {
        var problems = new ValidationErrors();
        problems.Add("", problem);
        Refuse(input, problems);
    }

    private void Refuse(BatchInput input, ValidationErrors problems)
    {
        Count++;
        Errors.AddAll(input.Path, problems);
        _rejected.Add(new BatchRejection(input.Index, input.Line, problems.ToDictionary()));
    }

    private static TCommand? Invalid(ValidationErrors problems, string message)
    {
        problems.Add("", message);
        return null;
    }
}
