namespace HubSpotEmulator.Tests.Support;

/// <summary>Base of the contract tests: a reset emulator, a client with the private-app token and one without auth.</summary>
public abstract class EmulatorTest<TFixture>(TFixture emulator) : IClassFixture<TFixture>, IAsyncLifetime
    where TFixture : EmulatorFixture
{
    protected TFixture Emulator { get; } = emulator;

    /// <summary>Authenticated with the default private-app token.</summary>
    protected HttpClient Api { get; } = emulator.Client();

    /// <summary>No Authorization header: for the control API and the token endpoint.</summary>
    protected HttpClient Anonymous { get; } = emulator.Client(null);

    public Task InitializeAsync() => Emulator.ResetAsync();

    public Task DisposeAsync()
    {
        Api.Dispose();
        Anonymous.Dispose();
        return Task.CompletedTask;
    }
}
