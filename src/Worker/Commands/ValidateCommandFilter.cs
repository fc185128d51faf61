using HubSpotCrm.Contracts.Events;
using HubSpotCrm.Worker.Diagnostics;
using MassTransit;
using SerilogContext = Serilog.Context.LogContext;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// Runs before a command reaches its consumer (and before it joins a batch). An invalid command is answered with
/// <see cref="CommandFailed"/> when it names a request id, then faulted on its own, so it lands in _error with its
/// reason and never fails the batch it would have joined.
/// </summary>
public sealed class ValidateCommandFilter<TCommand>(IServiceProvider services, WorkerMetrics metrics, ILogger<ValidateCommandFilter<TCommand>> logger)
    : IFilter<ConsumeContext<TCommand>>
    where TCommand : class
{
    public async Task Send(ConsumeContext<TCommand> context, IPipe<ConsumeContext<TCommand>> next)
    {
        var validator = services.GetService<ICommandValidator<TCommand>>();
        var problems = validator?.Validate(context.Message) ?? [];
        if (problems.Count == 0)
        {
            await next.Send(context);
            return;
        }

        var reason = $"Invalid {typeof(TCommand).Name}: {string.Join("; ", problems)}";
        metrics.CommandFinished(CommandNames.Of<TCommand>(), "invalid");
        var requestId = CommandNames.RequestIdOf(context.Message);
        using (SerilogContext.PushProperty("RequestId", requestId))
        {
            logger.LogWarning("Rejected a command: {Reason}", reason);
        }
        if (requestId != Guid.Empty)
        {
            await context.Publish(new CommandFailed(requestId, CommandNames.Of<TCommand>(), CommandFailures.InvalidCommand, reason));
        }
        throw new InvalidCommandException(reason);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("validateCommand");
}
