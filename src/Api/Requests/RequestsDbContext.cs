using Microsoft.EntityFrameworkCore;

namespace HubSpotCrm.Api.Requests;

public sealed class RequestsDbContext(DbContextOptions<RequestsDbContext> options) : DbContext(options)
{
    public DbSet<RequestRecord> Requests => Set<RequestRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var request = modelBuilder.Entity<RequestRecord>();
        request.ToTable("requests");
        request.HasKey(r => r.Id);
        request.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        request.Property(r => r.Kind).HasColumnName("kind").HasMaxLength(16);
        request.Property(r => r.Status).HasColumnName("status").HasMaxLength(16);
        request.Property(r => r.Source).HasColumnName("source").HasMaxLength(16);
        request.Property(r => r.CreatedAt).HasColumnName("created_at");
        request.Property(r => r.UpdatedAt).HasColumnName("updated_at");
        request.Property(r => r.CompletedAt).HasColumnName("completed_at");
        request.Property(r => r.Result).HasColumnName("result").HasColumnType("jsonb");
        request.Property(r => r.Error).HasColumnName("error").HasColumnType("jsonb");
        request.HasIndex(r => new { r.Status, r.CreatedAt });
    }
}
