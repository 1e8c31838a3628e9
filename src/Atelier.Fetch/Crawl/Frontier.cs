using Microsoft.Data.Sqlite;

namespace Atelier.Fetch.Crawl;

/// <summary>Where a URL of the crawl stands.</summary>
internal enum UrlState
{
    Queued = 0,
    Running = 1,
    Saved = 2,
    Failed = 3,
}

/// <summary>A URL the crawl will fetch: its row, depth, the page that linked to it, and whether a page needs it.</summary>
internal sealed record Pending(long Id, Uri Url, int Depth, string? Referrer, bool Requisite);

/// <summary>
/// The crawl's state in an SQLite file in the output folder: every URL seen (each once: the canonical URL is the key),
/// its depth, referrer and state. Memory holds only what runs; a million URLs live on disk. Write-ahead logging, and
/// one transaction per page's links, so Ctrl-C or kill -9 leave it as it was after the last page: on resume, what was
/// running is queued again, what was saved is not asked for again.
/// </summary>
internal sealed class Frontier : IDisposable
{
    public const string FileName = ".atelier-crawl.sqlite";
    private readonly SqliteConnection connection;

    // The crawl takes URLs on the downloads' side and records results on its own: one connection, one at a time.
    private readonly Lock gate = new();

    private Frontier(SqliteConnection connection) => this.connection = connection;

    /// <summary>Opens the state in <paramref name="folder"/>: the earlier crawl's to resume, or a new one.</summary>
    public static Frontier Open(string folder, bool resume)
    {
        var path = Path.Combine(folder, FileName);
        if (!resume)
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
            {
                File.Delete(file);
            }
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        var frontier = new Frontier(connection);
        frontier.Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS urls (
                id INTEGER PRIMARY KEY,
                url TEXT NOT NULL UNIQUE,
                depth INTEGER NOT NULL,
                referrer TEXT,
                requisite INTEGER NOT NULL,
                state INTEGER NOT NULL,
                path TEXT,
                http INTEGER);
            CREATE INDEX IF NOT EXISTS queued ON urls (state, id);
            UPDATE urls SET state = 0 WHERE state = 1;
            """);
        return frontier;
    }

    /// <summary>Adds URLs not seen before, in one transaction; returns how many were new.</summary>
    public int Add(IEnumerable<(Uri Url, int Depth, string? Referrer, bool Requisite)> urls)
    {
        using var held = gate.EnterScope();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT OR IGNORE INTO urls (url, depth, referrer, requisite, state) VALUES ($url, $depth, $referrer, $requisite, 0)";
        var url = insert.Parameters.Add("$url", SqliteType.Text);
        var depth = insert.Parameters.Add("$depth", SqliteType.Integer);
        var referrer = insert.Parameters.Add("$referrer", SqliteType.Text);
        var requisite = insert.Parameters.Add("$requisite", SqliteType.Integer);
        var added = 0;
        foreach (var item in urls)
        {
            url.Value = item.Url.ToString();
            depth.Value = item.Depth;
            referrer.Value = (object?)item.Referrer ?? DBNull.Value;
            requisite.Value = item.Requisite ? 1 : 0;
            added += insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return added;
    }

    /// <summary>Takes up to <paramref name="count"/> queued URLs, oldest first, and marks them running.</summary>
    public List<Pending> Take(int count)
    {
        using var held = gate.EnterScope();
        var taken = new List<Pending>(count);
        using var transaction = connection.BeginTransaction();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT id, url, depth, referrer, requisite FROM urls WHERE state = 0 ORDER BY id LIMIT $count";
            select.Parameters.AddWithValue("$count", count);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                taken.Add(new Pending(reader.GetInt64(0), new Uri(reader.GetString(1)), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt32(4) == 1));
            }
        }

        if (taken.Count > 0)
        {
            using var update = connection.CreateCommand();
            update.CommandText = $"UPDATE urls SET state = 1 WHERE id IN ({string.Join(',', taken.Select(t => t.Id))})";
            update.ExecuteNonQuery();
        }

        transaction.Commit();
        return taken;
    }

    /// <summary>Records how a URL ended: saved (where) or failed; queued again when it was interrupted.</summary>
    public void End(long id, UrlState state, string? path, int? http)
    {
        using var held = gate.EnterScope();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE urls SET state = $state, path = $path, http = $http WHERE id = $id";
        update.Parameters.AddWithValue("$state", (int)state);
        update.Parameters.AddWithValue("$path", (object?)path ?? DBNull.Value);
        update.Parameters.AddWithValue("$http", (object?)http ?? DBNull.Value);
        update.Parameters.AddWithValue("$id", id);
        update.ExecuteNonQuery();
    }

    /// <summary>How many URLs are in each state.</summary>
    public Dictionary<UrlState, long> Counts()
    {
        using var held = gate.EnterScope();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT state, count(*) FROM urls GROUP BY state";
        using var reader = select.ExecuteReader();
        var counts = new Dictionary<UrlState, long>();
        while (reader.Read())
        {
            counts[(UrlState)reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>Every saved file after the row <paramref name="after"/>, with its URL and row, a batch at a time: what -k rewrites.</summary>
    public List<(long Id, Uri Url, string Path)> Saved(long after, int count)
    {
        using var held = gate.EnterScope();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT id, url, path FROM urls WHERE state = 2 AND path IS NOT NULL AND id > $after ORDER BY id LIMIT $count";
        select.Parameters.AddWithValue("$after", after);
        select.Parameters.AddWithValue("$count", count);
        using var reader = select.ExecuteReader();
        var saved = new List<(long, Uri, string)>();
        while (reader.Read())
        {
            saved.Add((reader.GetInt64(0), new Uri(reader.GetString(1)), reader.GetString(2)));
        }

        return saved;
    }

    /// <summary>Where a URL was saved, if it was.</summary>
    public string? SavedPath(Uri url)
    {
        using var held = gate.EnterScope();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT path FROM urls WHERE url = $url AND state = 2";
        select.Parameters.AddWithValue("$url", url.ToString());
        return select.ExecuteScalar() as string;
    }

    public void Dispose() => connection.Dispose();

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
