using System.Net.Sockets;
using HubSpotCrm.Api.Problems;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HubSpotCrm.Api.Tests.Problems;

/// <summary>An outage is worth a 503 and a long retry; a mistake in what was asked of the database is not.</summary>
public sealed class DatabaseOutageTests
{
    public static TheoryData<string, Exception> Outages => new()
    {
        { "connection refused", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)) },
        { "server shutting down (57P01)", new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01") },
        { "server starting up (57P03)", new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03") },
        { "timeout", new TimeoutException("Timeout during reading attempt") },
        { "wrapped by EF Core", new DbUpdateException("An error occurred while saving", new NpgsqlException("Exception while reading from stream")) },
    };

    public static TheoryData<string, Exception> NotOutages => new()
    {
        { "unique violation (23505)", new PostgresException("duplicate key value", "ERROR", "ERROR", "23505") },
        { "undefined table (42P01)", new PostgresException("relation \"requests\" does not exist", "ERROR", "ERROR", "42P01") },
        { "a bug", new InvalidOperationException("Sequence contains no elements") },
        { "cancelled", new OperationCanceledException() },
    };

    [Theory]
    [MemberData(nameof(Outages))]
    public void Is_an_outage(string _, Exception exception) => Assert.True(DatabaseOutage.Is(exception));

    [Theory]
    [MemberData(nameof(NotOutages))]
    public void Is_not_an_outage(string _, Exception exception) => Assert.False(DatabaseOutage.Is(exception));
}
