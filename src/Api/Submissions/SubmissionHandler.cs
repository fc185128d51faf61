using HubSpotCrm.Api.Publishing;
using HubSpotCrm.Api.Requests;
using HubSpotCrm.Api.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Serilog.Context;

namespace HubSpotCrm.Api.Submissions;

/// <summary>
/// The one path every submission takes: read, validate, record as accepted, put on the queue, answer 202.
/// Nothing is recorded or published for a body that fails validation, and no row stays "accepted" for a command
/// the broker did not take.
/// </summary>
public sealed class SubmissionHandler(
    RequestStore store,
    CommandPublisher publisher,
    IOptions<SubmissionLimitsOptions> limits,
    ILogger<SubmissionHandler> logger)
{
    public async Task<Results<Accepted<SubmissionAccepted>, ProblemHttpResult>> HandleAsync<TCommand>(
        HttpRequest request, ISubmissionValidator<TCommand> validator, string kind, string queue, CancellationToken cancellationToken)
        where TCommand : class
    {
        var (document, problem) = await JsonBody.ReadAsync(request, limits.Value.MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        using var body = document!;

        var requestId = Guid.CreateVersion7();
        using var _ = LogContext.PushProperty("RequestId", requestId);
        var errors = new ValidationErrors();
        var command = validator.Validate(body.RootElement, requestId, errors);
        if (command is null)
        {
            logger.LogInformation("Rejected {Kind} request: {FieldCount} invalid fields", kind, errors.Count);
            return TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The request has invalid fields",
                Detail = "See 'errors' for every invalid field and what is wrong with it.",
            });
        }

        await store.AddAcceptedAsync(requestId, kind, cancellationToken);
        try
        {
            await publisher.SendAsync(queue, command, cancellationToken);
        }
        catch (BrokerUnavailableException)
        {
            await store.RemoveAcceptedAsync(requestId, CancellationToken.None);
            throw;
        }

        logger.LogInformation("Accepted {Kind} request", kind);
        var statusUrl = $"/api/v1/requests/{requestId}";
        return TypedResults.Accepted(statusUrl, new SubmissionAccepted(requestId, RequestStatuses.Accepted, statusUrl));
    }
}
