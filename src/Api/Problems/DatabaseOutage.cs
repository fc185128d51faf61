using System.Data.Common;
using Npgsql;

namespace HubSpotCrm.Api.Problems;

/// <summary>
/// Tells "PostgreSQL is away" (refused or broken connections, shutdown, start-up, timeouts) from errors in what was
/// asked of it (constraint violations, bad SQL): the first is worth retrying later, the second is a bug.
/// </summary>
public static class DatabaseOutage
{
    public static bool Is(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient,
        NpgsqlException or DbException or TimeoutException => true,
        _ when exception.InnerException is { } inner => Is(inner),
        _ => false,
    };
}
