namespace HubSpotCrm.EndToEnd.Tests.Startup;

/// <summary>
/// Demo mode is a choice, never a fallback: the Worker decides between HubSpot and the emulator from its bound settings,
/// in whatever form they come, and refuses to start, saying what to set, rather than guess.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class HubSpotTargetStartupTests(ServiceStack stack)
{
    [Fact]
    public async Task In_demo_mode_the_Worker_writes_to_the_emulator_and_its_readiness_and_log_say_so()
    {
        await using var vhost = await IsolatedVirtualHost.CreateAsync(stack.Servers);
        await using var worker = ExtraWorker.Create(stack, "worker-demo", settings =>
        {
            settings["DemoMode__Enabled"] = "true";
            settings["DemoMode__EmulatorUrl"] = stack.Emulator.BaseUrl.ToString();
        }, vhost.AmqpUri);

        await worker.StartAsync();

        var readiness = await ReadinessAsync(worker);
        Assert.Contains($"the HubSpot emulator at {stack.Emulator.BaseUrl}", readiness);
        Assert.Contains(worker.Output, line => line.Contains($"Writing to the HubSpot emulator at {stack.Emulator.BaseUrl}", StringComparison.Ordinal));
        var email = TestData.Email();
        await vhost.Management.PublishAsync("hubspot.upsert-contact", "",
            JsonSerializer.Serialize(new { requestId = Guid.NewGuid(), email, properties = new { firstname = "Demo" } }));
        await Eventually.TrueAsync(async () => (await stack.EmulatorControl.ObjectsAsync("contacts")).Any(c => c.Property("email") == email),
            "the demo Worker's contact in the emulator", TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("HUBSPOT__CLIENTID", "HubSpot:ClientId")]
    [InlineData("hubspot__privateapptoken", "HubSpot:PrivateAppToken")]
    [InlineData("HubSpot__RefreshToken", "HubSpot:RefreshToken")]
    public async Task Demo_mode_with_HubSpot_credentials_in_any_form_refuses_to_start_and_names_them(string variable, string setting)
    {
        await using var worker = ExtraWorker.Create(stack, "worker-demo-credentials", settings =>
        {
            settings["DemoMode__Enabled"] = "true";
            settings["DemoMode__EmulatorUrl"] = stack.Emulator.BaseUrl.ToString();
            settings[variable] = "a-real-looking-secret";
        });

        var output = await RefusedAsync(worker);

        Assert.Contains("Demo mode is on", output);
        Assert.Contains(setting, output);
        Assert.DoesNotContain("a-real-looking-secret", output);
    }

    [Fact]
    public async Task Without_credentials_and_without_demo_mode_the_Worker_refuses_to_start_and_says_what_to_set()
    {
        await using var worker = ExtraWorker.Create(stack, "worker-no-credentials", _ => { });

        var output = await RefusedAsync(worker);

        Assert.Contains("No HubSpot credentials are configured", output);
        Assert.Contains("HubSpot:ClientId", output);
        Assert.Contains("HubSpot:PrivateAppToken", output);
        Assert.Contains("DemoMode__Enabled=true", output);
    }

    [Fact]
    public async Task Outside_Development_the_emulator_address_without_demo_mode_is_refused()
    {
        await using var worker = ExtraWorker.Create(stack, "worker-emulator-address", settings =>
        {
            settings["HubSpot__BaseUrl"] = stack.Emulator.BaseUrl.ToString();
            settings["HubSpot__ClientId"] = ServiceStackOptions.ClientId;
            settings["HubSpot__ClientSecret"] = ServiceStackOptions.ClientSecret;
            settings["HubSpot__RefreshToken"] = ServiceStackOptions.RefreshToken;
        });

        var output = await RefusedAsync(worker);

        Assert.Contains($"HubSpot:BaseUrl is {stack.Emulator.BaseUrl}", output);
        Assert.Contains("demo mode is off", output);
        Assert.DoesNotContain(ServiceStackOptions.ClientSecret, output);
    }

    [Theory]
    [InlineData("DemoMode__Enabled", "yes-please", "DemoMode:Enabled is not a valid boolean")]
    [InlineData("HubSpot__AuthMode", "Bogus-mode", "HubSpot:AuthMode is not a valid value of HubSpotAuthMode")]
    [InlineData("HubSpot__RateLimits__TenSecondly", "many-calls", "HubSpot:RateLimits:TenSecondly is not a valid whole number")]
    public async Task A_malformed_setting_is_named_with_what_it_must_be_never_echoed_and_never_a_crash(string variable, string value, string message)
    {
        await using var worker = ExtraWorker.Create(stack, "worker-malformed", settings =>
        {
            settings["DemoMode__Enabled"] = "true";
            settings["DemoMode__EmulatorUrl"] = stack.Emulator.BaseUrl.ToString();
            settings[variable] = value;
        });

        var output = await RefusedAsync(worker);

        Assert.Contains(message, output);
        Assert.DoesNotContain(value, output);
    }

    [Fact]
    public async Task With_real_credentials_readiness_names_HubSpot_and_never_the_emulator()
    {
        await using var worker = ExtraWorker.Create(stack, "worker-hubspot", settings =>
        {
            settings["HubSpot__AuthMode"] = "PrivateApp";
            settings["HubSpot__PrivateAppToken"] = "pat-na1-not-a-real-token";
            // An address nothing answers on: the Worker must name it, and stay unready rather than fall back.
            settings["HubSpot__BaseUrl"] = $"https://127.0.0.1:{FreePort.Next()}";
        });

        await Assert.ThrowsAsync<TimeoutException>(() => worker.StartAsync(TimeSpan.FromSeconds(8)));

        var readiness = await ReadinessAsync(worker);
        Assert.Contains("HubSpot at https://127.0.0.1:", readiness);
        Assert.Contains("private app token", readiness);
        Assert.DoesNotContain("emulator", readiness);
        Assert.DoesNotContain("pat-na1-not-a-real-token", string.Join('\n', worker.Output));
    }

    private static async Task<string> RefusedAsync(ServiceProcess worker)
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => worker.StartAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("exited with code 78", refused.Message);
        Assert.False(worker.IsRunning);
        var output = string.Join('\n', worker.Output);
        Assert.Contains("HubSpotCrm.Worker cannot start:", output);
        Assert.DoesNotContain("   at ", output);
        return output;
    }

    private static async Task<string> ReadinessAsync(ServiceProcess worker)
    {
        using var http = new HttpClient { BaseAddress = worker.BaseUrl };
        using var response = await http.GetAsync("/health/ready");
        return await response.Content.ReadAsStringAsync();
    }
}
