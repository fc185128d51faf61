using HubSpotCrm.Api.Batches;
using HubSpotCrm.Api.Idempotency;
using HubSpotCrm.Api.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace HubSpotCrm.Api.Requests;

public sealed class RequestsDbContext(DbContextOptions<RequestsDbContext> options) : DbContext(options)
{
    public DbSet<RequestRecord> Requests => Set<RequestRecord>();

    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();

    public DbSet<BatchRecord> Batches => Set<BatchRecord>();

    public DbSet<WebhookDeliveryRecord> WebhookDeliveries => Set<WebhookDeliveryRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var request = modelBuilder.Entity<RequestRecord>();
        request.ToTable("requests");
        request.HasKey(r => r.Id);
        request.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        request.Property(r => r.Kind).HasColumnName("kind").HasMaxLength(16);
        request.Property(r => r.Status).HasColumnName("status").HasMaxLength(16);
        request.Property(r => r.Source).HasColumnName("source").HasMaxLength(16);
        request.Property(r => r.Client).HasColumnName("client").HasMaxLength(64);
        request.Property(r => r.CreatedAt).HasColumnName("created_at");
        request.Property(r => r.UpdatedAt).HasColumnName("updated_at");
        request.Property(r => r.CompletedAt).HasColumnName("completed_at");
        request.Property(r => r.Result).HasColumnName("result").HasColumnType("jsonb");
        request.Property(r => r.Error).HasColumnName("error").HasColumnType("jsonb");
        request.Property(r => r.BatchId).HasColumnName("batch_id");
        request.Property(r => r.BatchIndex).HasColumnName("batch_index");
        request.Property(r => r.WebhookUrl).HasColumnName("webhook_url").HasMaxLength(WebhookTarget.MaxLength);
        request.HasIndex(r => new { r.Status, r.CreatedAt });
        // Keyset paging of GET /api/v1/requests, newest first: everyone's for operators, a client's own for the others.
        request.HasIndex(r => new { r.CreatedAt, r.Id });
        request.HasIndex(r => new { r.Client, r.CreatedAt, r.Id });
        // Retention finds finished requests by when they finished.
        request.HasIndex(r => r.CompletedAt).HasFilter("completed_at IS NOT NULL");
        // A batch's items, in order, for its counts and its paged item list. No foreign key: retention deletes
        // finished requests one by one and a batch once none of its items is left.
        request.HasIndex(r => new { r.BatchId, r.BatchIndex }).HasFilter("batch_id IS NOT NULL");

        var idempotency = modelBuilder.Entity<IdempotencyRecord>();
        idempotency.ToTable("idempotency_keys", t => t.HasCheckConstraint("ck_idempotency_keys_one_target", "(request_id IS NULL) <> (batch_id IS NULL)"));
        idempotency.HasKey(k => new { k.Client, k.Key });
        idempotency.Property(k => k.Client).HasColumnName("client").HasMaxLength(64);
        idempotency.Property(k => k.Key).HasColumnName("key").HasMaxLength(IdempotencyKey.MaxLength);
        idempotency.Property(k => k.Kind).HasColumnName("kind").HasMaxLength(16);
        idempotency.Property(k => k.BodyHash).HasColumnName("body_hash");
        idempotency.Property(k => k.RequestId).HasColumnName("request_id");
        idempotency.Property(k => k.BatchId).HasColumnName("batch_id");
        idempotency.Property(k => k.CreatedAt).HasColumnName("created_at");
        idempotency.HasOne<RequestRecord>().WithMany().HasForeignKey(k => k.RequestId).OnDelete(DeleteBehavior.Cascade);
        idempotency.HasOne<BatchRecord>().WithMany().HasForeignKey(k => k.BatchId).OnDelete(DeleteBehavior.Cascade);
        idempotency.HasIndex(k => k.RequestId);
        idempotency.HasIndex(k => k.BatchId);

        var batch = modelBuilder.Entity<BatchRecord>();
        batch.ToTable("batches");
        batch.HasKey(b => b.Id);
        batch.Property(b => b.Id).HasColumnName("id").ValueGeneratedNever();
        batch.Property(b => b.Kind).HasColumnName("kind").HasMaxLength(16);
        batch.Property(b => b.Client).HasColumnName("client").HasMaxLength(64);
        batch.Property(b => b.CreatedAt).HasColumnName("created_at");
        batch.Property(b => b.ItemCount).HasColumnName("item_count");
        batch.Property(b => b.Duplicates).HasColumnName("duplicates").HasColumnType("jsonb");
        batch.Property(b => b.Rejected).HasColumnName("rejected").HasColumnType("jsonb");
        batch.Property(b => b.WebhookUrl).HasColumnName("webhook_url").HasMaxLength(WebhookTarget.MaxLength);
        batch.HasIndex(b => b.CreatedAt);

        // No foreign key: the id is a request's or a batch's. Retention deletes a delivery once it is final and old.
        var delivery = modelBuilder.Entity<WebhookDeliveryRecord>();
        delivery.ToTable("webhook_deliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.Id).HasColumnName("id").ValueGeneratedNever();
        delivery.Property(d => d.Subject).HasColumnName("subject").HasMaxLength(16);
        delivery.Property(d => d.State).HasColumnName("state").HasMaxLength(16);
        delivery.Property(d => d.Attempts).HasColumnName("attempts");
        delivery.Property(d => d.LastAttemptAt).HasColumnName("last_attempt_at");
        delivery.Property(d => d.ResponseStatus).HasColumnName("response_status");
        delivery.Property(d => d.LastError).HasColumnName("last_error");
        delivery.Property(d => d.NextAttemptAt).HasColumnName("next_attempt_at");
        delivery.Property(d => d.DeliveredAt).HasColumnName("delivered_at");
        delivery.Property(d => d.UpdatedAt).HasColumnName("updated_at");
        delivery.HasIndex(d => d.UpdatedAt);
    }
}
