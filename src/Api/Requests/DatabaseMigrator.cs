using Microsoft.EntityFrameworkCore;
using Npgsql;
using Polly;
using Polly.Retry;

namespace HubSpotCrm.Api.Requests;

/// <summary>
/// Applies the EF Core migrations before the Api takes traffic. PostgreSQL often starts alongside the Api (compose,
/// ./run.sh), so connection failures are retried for a while instead of crashing the process.
/// </summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, ILogger<DatabaseMigrator> logger) : IHostedLifecycleService
{
    private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e is not PostgresException || e.IsTransient),
            MaxRetryAttempts = 30,
            Delay = TimeSpan.FromSeconds(2),
            BackoffType = DelayBackoffType.Constant,
        })
        .Build();

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await Retry.ExecuteAsync(async token =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RequestsDbContext>();
            await db.Database.MigrateAsync(token);
        }, cancellationToken);
        logger.LogInformation("Request store schema is up to date");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
