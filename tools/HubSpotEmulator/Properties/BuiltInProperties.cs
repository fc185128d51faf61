using HubSpotEmulator.Objects;

namespace HubSpotEmulator.Properties;

/// <summary>HubSpot's standard properties for the emulated types, as far as clients write and read them.</summary>
internal static class BuiltInProperties
{
    private const string DefinedAt = "2019-08-06T02:41:52.072Z";

    public static IReadOnlyList<PropertyDefinition> For(ObjectTypeInfo type) => type.Index switch
    {
        0 => Contacts,
        1 => Deals,
        2 => Tickets,
        _ => Companies,
    };

    private static readonly IReadOnlyList<PropertyOption> LifecycleStages = Pipelines.Options(
        ("Subscriber", "subscriber"),
        ("Lead", "lead"),
        ("Marketing Qualified Lead", "marketingqualifiedlead"),
        ("Sales Qualified Lead", "salesqualifiedlead"),
        ("Opportunity", "opportunity"),
        ("Customer", "customer"),
        ("Evangelist", "evangelist"),
        ("Other", "other"));

    private static readonly IReadOnlyList<PropertyDefinition> Contacts =
    [
        Text("email", "Email", "contactinformation"),
        Text("firstname", "First Name", "contactinformation"),
        Text("lastname", "Last Name", "contactinformation"),
        Text("phone", "Phone Number", "contactinformation", "phonenumber"),
        Text("mobilephone", "Mobile Phone Number", "contactinformation", "phonenumber"),
        Text("fax", "Fax Number", "contactinformation", "phonenumber"),
        Text("company", "Company Name", "contactinformation"),
        Text("website", "Website URL", "contactinformation"),
        Text("jobtitle", "Job Title", "contactinformation"),
        Text("address", "Street Address", "contactinformation"),
        Text("city", "City", "contactinformation"),
        Text("state", "State/Region", "contactinformation"),
        Text("zip", "Postal Code", "contactinformation"),
        Text("country", "Country/Region", "contactinformation"),
        Enumeration("lifecyclestage", "Lifecycle Stage", "contactinformation", "radio", LifecycleStages),
        Enumeration("hs_lead_status", "Lead Status", "sales_properties", "radio", Pipelines.Options(
            ("New", "NEW"),
            ("Open", "OPEN"),
            ("In Progress", "IN_PROGRESS"),
            ("Open Deal", "OPEN_DEAL"),
            ("Unqualified", "UNQUALIFIED"),
            ("Attempted to Contact", "ATTEMPTED_TO_CONTACT"),
            ("Connected", "CONNECTED"),
            ("Bad Timing", "BAD_TIMING"))),
        Owner("contactinformation"),
        ReadOnly("hs_additional_emails", "Additional email addresses", PropertyTypes.Enumeration, "checkbox", "contactinformation"),
        ReadOnly("hs_marketable_until_renewal", "Marketing contact until next update", PropertyTypes.Enumeration, "select", "contactinformation"),
        .. System(ObjectTypes.Contacts, "contactinformation"),
    ];

    private static readonly IReadOnlyList<PropertyDefinition> Deals =
    [
        Text("dealname", "Deal Name", "dealinformation"),
        Number("amount", "Amount", "dealinformation"),
        Enumeration("pipeline", "Pipeline", "dealinformation", "select", Pipelines.Deals.PipelineOptions),
        Enumeration("dealstage", "Deal Stage", "dealinformation", "radio", Pipelines.Deals.AllStages),
        DateTime("closedate", "Close Date", "dealinformation"),
        Enumeration("dealtype", "Deal Type", "dealinformation", "radio", Pipelines.Options(
            ("New Business", "newbusiness"),
            ("Existing Business", "existingbusiness"))),
        Text("description", "Deal Description", "dealinformation", "textarea"),
        Owner("dealinformation"),
        .. System(ObjectTypes.Deals, "dealinformation"),
    ];

    private static readonly IReadOnlyList<PropertyDefinition> Tickets =
    [
        Text("subject", "Ticket name", "ticketinformation"),
        Text("content", "Ticket description", "ticketinformation", "textarea"),
        Enumeration("hs_pipeline", "Pipeline", "ticketinformation", "select", Pipelines.Tickets.PipelineOptions),
        Enumeration("hs_pipeline_stage", "Ticket status", "ticketinformation", "select", Pipelines.Tickets.AllStages),
        Enumeration("hs_ticket_priority", "Priority", "ticketinformation", "select", Pipelines.Options(
            ("Low", "LOW"),
            ("Medium", "MEDIUM"),
            ("High", "HIGH"))),
        Enumeration("hs_ticket_category", "Category", "ticketinformation", "select", Pipelines.Options(
            ("Product issue", "PRODUCT_ISSUE"),
            ("Billing issue", "BILLING_ISSUE"),
            ("Feature request", "FEATURE_REQUEST"),
            ("General inquiry", "GENERAL_INQUIRY"))),
        Enumeration("source_type", "Source", "ticketinformation", "select", Pipelines.Options(
            ("Chat", "CHAT"),
            ("Email", "EMAIL"),
            ("Form", "FORM"),
            ("Phone", "PHONE"))),
        Owner("ticketinformation"),
        ReadOnly("hs_ticket_id", "Ticket ID", PropertyTypes.Number, "number", "ticketinformation"),
        .. System(ObjectTypes.Tickets, "ticketinformation"),
    ];

    /// <summary>
    /// No company property is unique: domain identifies companies only for HubSpot's own deduplication (imports, automatic
    /// association by email domain), while "the company ID is the unique identifier used for deduplication" through the API.
    /// </summary>
    private static readonly IReadOnlyList<PropertyDefinition> Companies =
    [
        Text("name", "Company name", "companyinformation"),
        Text("domain", "Company Domain Name", "companyinformation"),
        Text("hs_additional_domains", "Additional Domains", "companyinformation"),
        Text("website", "Website URL", "companyinformation"),
        Text("phone", "Phone Number", "companyinformation", "phonenumber"),
        Text("address", "Street Address", "companyinformation"),
        Text("address2", "Street Address 2", "companyinformation"),
        Text("city", "City", "companyinformation"),
        Text("state", "State/Region", "companyinformation"),
        Text("zip", "Postal Code", "companyinformation"),
        Text("country", "Country/Region", "companyinformation"),
        Enumeration("industry", "Industry", "companyinformation", "select", CompanyIndustries.Options),
        Number("numberofemployees", "Number of Employees", "companyinformation"),
        Number("annualrevenue", "Annual Revenue", "companyinformation"),
        Text("description", "Description", "companyinformation", "textarea"),
        Enumeration("type", "Type", "companyinformation", "select", Pipelines.Options(
            ("Prospect", "PROSPECT"),
            ("Partner", "PARTNER"),
            ("Reseller", "RESELLER"),
            ("Vendor", "VENDOR"),
            ("Other", "OTHER"))),
        Enumeration("lifecyclestage", "Lifecycle Stage", "companyinformation", "radio", LifecycleStages),
        Owner("companyinformation"),
        .. System(ObjectTypes.Companies, "companyinformation"),
    ];

    private static IEnumerable<PropertyDefinition> System(ObjectTypeInfo type, string group) =>
    [
        ReadOnly("hs_object_id", "Record ID", PropertyTypes.Number, "number", group),
        ReadOnly("createdate", "Create Date", PropertyTypes.DateTime, "date", group),
        ReadOnly(type.LastModifiedProperty, "Last Modified Date", PropertyTypes.DateTime, "date", group),
        ReadOnly("hs_object_source", "Record source", PropertyTypes.String, "text", group),
        ReadOnly("hs_object_source_label", "Record source detail", PropertyTypes.String, "text", group),
    ];

    private static PropertyDefinition Text(string name, string label, string group, string fieldType = "text") =>
        Writable(name, label, PropertyTypes.String, fieldType, group, []);

    private static PropertyDefinition Number(string name, string label, string group) =>
        Writable(name, label, PropertyTypes.Number, "number", group, []);

    private static PropertyDefinition DateTime(string name, string label, string group) =>
        Writable(name, label, PropertyTypes.DateTime, "date", group, []);

    private static PropertyDefinition Enumeration(string name, string label, string group, string fieldType, IReadOnlyList<PropertyOption> options) =>
        Writable(name, label, PropertyTypes.Enumeration, fieldType, group, options);

    /// <summary>Owner ids come from the account's user list, which the emulator does not model: any value is accepted.</summary>
    private static PropertyDefinition Owner(string group) =>
        Writable("hubspot_owner_id", "Owner", PropertyTypes.Enumeration, "select", group, []) with { ExternalOptions = true };

    private static PropertyDefinition Writable(string name, string label, string type, string fieldType, string group, IReadOnlyList<PropertyOption> options) => new()
    {
        UpdatedAt = DefinedAt,
        CreatedAt = DefinedAt,
        Name = name,
        Label = label,
        Type = type,
        FieldType = fieldType,
        GroupName = group,
        Options = options,
        HubspotDefined = true,
        FormField = true,
        ModificationMetadata = new ModificationMetadata(Archivable: false, ReadOnlyDefinition: true, ReadOnlyValue: false),
    };

    private static PropertyDefinition ReadOnly(string name, string label, string type, string fieldType, string group) => new()
    {
        UpdatedAt = DefinedAt,
        CreatedAt = DefinedAt,
        Name = name,
        Label = label,
        Type = type,
        FieldType = fieldType,
        GroupName = group,
        HubspotDefined = true,
        ModificationMetadata = new ModificationMetadata(Archivable: false, ReadOnlyDefinition: true, ReadOnlyValue: true),
    };
}
