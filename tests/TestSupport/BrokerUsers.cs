using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace HubSpotCrm.TestSupport;

/// <summary>
/// The broker users of the Api, the Worker and outside publishers, with the permissions
/// scripts/rabbitmq/definitions.template.json gives them (the one source of them, for compose, ./run.sh and the tests),
/// created for one virtual host under names of their own with random passwords. The template's administrator is not
/// created: the tests' own login is the administrator.
/// </summary>
public sealed class BrokerUsers
{
    public const string TemplatePath = "scripts/rabbitmq/definitions.template.json";

    private const string AdminPlaceholder = "@ADMIN_USER@";

    private BrokerUsers(BrokerUser api, BrokerUser worker, BrokerUser publisher)
    {
        Api = api;
        Worker = worker;
        Publisher = publisher;
    }

    public BrokerUser Api { get; }

    public BrokerUser Worker { get; }

    public BrokerUser Publisher { get; }

    public IEnumerable<BrokerUser> All => [Api, Worker, Publisher];

    /// <summary>Creates the users on <paramref name="vhost"/>, named <c>{vhost}-api</c> and so on, reachable at <paramref name="vhostUri"/>.</summary>
    public static async Task<BrokerUsers> CreateAsync(RabbitMqManagement management, string vhost, Uri vhostUri)
    {
        BrokerUser User(string role) => new($"{vhost}-{role}", RandomNumberGenerator.GetHexString(32, lowercase: true), vhostUri);
        var users = new BrokerUsers(User("api"), User("worker"), User("publisher"));
        var placeholders = new Dictionary<string, string>
        {
            ["@VHOST@"] = vhost,
            ["@API_USER@"] = users.Api.Name,
            ["@API_PASSWORD@"] = users.Api.Password,
            ["@WORKER_USER@"] = users.Worker.Name,
            ["@WORKER_PASSWORD@"] = users.Worker.Password,
            ["@PUBLISHER_USER@"] = users.Publisher.Name,
            ["@PUBLISHER_PASSWORD@"] = users.Publisher.Password,
        };
        var text = placeholders.Aggregate(await File.ReadAllTextAsync(Path.Combine(Repository.Root, TemplatePath)), (t, p) => t.Replace(p.Key, p.Value, StringComparison.Ordinal));
        var definitions = JsonNode.Parse(text)!.AsObject();

        var created = new List<string>();
        try
        {
            foreach (var user in definitions["users"]!.AsArray().Select(u => u!.AsObject()).Where(u => Name(u, "name") != AdminPlaceholder))
            {
                await management.PutUserAsync(Name(user, "name"), Name(user, "password"), Name(user, "tags"));
                created.Add(Name(user, "name"));
            }
            foreach (var permission in definitions["permissions"]!.AsArray().Select(p => p!.AsObject()).Where(p => Name(p, "user") != AdminPlaceholder))
            {
                await management.SetPermissionsAsync(Name(permission, "user"), Name(permission, "configure"), Name(permission, "write"), Name(permission, "read"));
            }
        }
        catch
        {
            foreach (var name in created)
            {
                await management.DeleteUserAsync(name);
            }
            throw;
        }
        var expected = users.All.Select(u => u.Name).Order().ToList();
        if (!created.Order().SequenceEqual(expected))
        {
            throw new InvalidOperationException($"{TemplatePath} names the users {string.Join(", ", created)}; the tests expect {string.Join(", ", expected)}.");
        }
        return users;
    }

    public async Task DeleteAsync(RabbitMqManagement management)
    {
        foreach (var user in All)
        {
            await management.DeleteUserAsync(user.Name);
        }
    }

    private static string Name(JsonObject node, string property) =>
        node[property]?.GetValue<string>() ?? throw new InvalidOperationException($"{TemplatePath}: an entry has no \"{property}\".");
}

/// <summary>One component's broker login on a test's virtual host.</summary>
public sealed record BrokerUser(string Name, string Password, Uri VirtualHostUri)
{
    /// <summary>amqp://{name}:{password}@…/{vhost}: what the component's RabbitMq:Uri is set to.</summary>
    public Uri AmqpUri => new UriBuilder(VirtualHostUri) { UserName = Uri.EscapeDataString(Name), Password = Password }.Uri;
}
