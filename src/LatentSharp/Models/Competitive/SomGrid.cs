using static TorchSharp.torch;

namespace LatentSharp.Models.Competitive;

/// <summary>
/// The lattice of a self-organising map: where each unit sits, and grid distances between units.
/// Unit <c>u = i·Columns + j</c> is row i, column j. Rectangular: position (x, y) = (j, i).
/// Hexagonal ("odd-r" offset rows): (x, y) = (j + ½·(i mod 2), i·√3/2), so the six neighbours of
/// a unit are at distance 1. Two units are <b>adjacent</b> when their Euclidean distance is below
/// 1.5: the 8 surrounding units on the rectangular grid (the diagonal ones at √2 included), the
/// 6 surrounding units on the hexagonal grid (the next ring is at √3). Topographic error and the
/// U-matrix use this one rule.
/// <para>
/// A map's codes (<see cref="SelfOrganizingMap.Encode"/>) are these (i, j) lattice coordinates of
/// the best-matching unit, on both lattices: on the hexagonal one they are offset coordinates, not
/// plane positions (unit (1, 0) sits at x = ½); <see cref="Position"/> gives the plane position.
/// </para>
/// </summary>
public sealed class SomGrid
{
    /// <summary>Grid distance below which two distinct units are neighbours.</summary>
    public const double AdjacencyDistance = 1.5;

    /// <summary>Builds the lattice.</summary>
    public SomGrid(int rows, int columns, SomTopology topology)
    {
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), rows, "A map needs at least one row.");
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "A map needs at least one column.");
        Rows = rows;
        Columns = columns;
        Topology = topology;
    }

    /// <summary>Rows of the map.</summary>
    public int Rows { get; }

    /// <summary>Columns of the map.</summary>
    public int Columns { get; }

    /// <summary>The lattice.</summary>
    public SomTopology Topology { get; }

    /// <summary>Number of units, Rows × Columns.</summary>
    public int Units => Rows * Columns;

    /// <summary>Plane position (x, y) of unit (<paramref name="row"/>, <paramref name="column"/>).</summary>
    public (double X, double Y) Position(int row, int column) => Topology == SomTopology.Hexagonal
        ? (column + 0.5 * (row & 1), row * Math.Sqrt(3) / 2)
        : (column, row);

    /// <summary>Euclidean distance between the positions of units <paramref name="a"/> and <paramref name="b"/>.</summary>
    public double Distance(int a, int b)
    {
        var (xa, ya) = Position(a / Columns, a % Columns);
        var (xb, yb) = Position(b / Columns, b % Columns);
        double d = Math.Sqrt((xa - xb) * (xa - xb) + (ya - yb) * (ya - yb));
        return Math.Abs(d - Math.Round(d)) < 1e-9 ? Math.Round(d) : d;   // 1, 2, ... exactly on the hex grid too
    }

    /// <summary>
    /// City-block distance in lattice steps: |a−i| + |b−j| on the rectangular grid, the number of
    /// hex steps (cube-coordinate distance) on the hexagonal grid.
    /// </summary>
    public int Steps(int a, int b)
    {
        int ra = a / Columns, ca = a % Columns, rb = b / Columns, cb = b % Columns;
        if (Topology == SomTopology.Rectangular) return Math.Abs(ra - rb) + Math.Abs(ca - cb);
        // odd-r offset → axial (q, r): q = col − (row − (row & 1)) / 2.
        int qa = ca - (ra - (ra & 1)) / 2, qb = cb - (rb - (rb & 1)) / 2;
        int dq = qa - qb, dr = ra - rb;
        return (Math.Abs(dq) + Math.Abs(dr) + Math.Abs(dq + dr)) / 2;
    }

    /// <summary>Whether distinct units <paramref name="a"/> and <paramref name="b"/> are neighbours (see the class summary).</summary>
    public bool Adjacent(int a, int b) => a != b && Distance(a, b) < AdjacencyDistance;

    /// <summary>Euclidean grid distances <c>[Units, Units]</c>, float32.</summary>
    public Tensor DistanceMatrix(Device device) => Matrix((a, b) => Distance(a, b), device);

    /// <summary>City-block (lattice step) distances <c>[Units, Units]</c>, float32.</summary>
    public Tensor StepMatrix(Device device) => Matrix((a, b) => Steps(a, b), device);

    /// <summary>Adjacency <c>[Units, Units]</c>, bool (false on the diagonal).</summary>
    public Tensor AdjacencyMatrix(Device device)
    {
        var values = new bool[Units * Units];
        for (int a = 0; a < Units; a++)
            for (int b = 0; b < Units; b++)
                values[a * Units + b] = Adjacent(a, b);
        return tensor(values, [Units, Units]).to(device);
    }

    /// <summary>
    /// kohonen's default start radius: the 2/3 quantile (R's type 7) of all Units² unit-to-unit
    /// distances, zeros on the diagonal included.
    /// </summary>
    public double DefaultRadius()
    {
        var all = new double[Units * Units];
        for (int a = 0; a < Units; a++)
            for (int b = 0; b < Units; b++)
                all[a * Units + b] = Distance(a, b);
        Array.Sort(all);
        double h = (all.Length - 1) * (2.0 / 3.0);
        int lo = (int)Math.Floor(h);
        return lo + 1 < all.Length ? all[lo] + (h - lo) * (all[lo + 1] - all[lo]) : all[lo];
    }

    Tensor Matrix(Func<int, int, double> f, Device device)
    {
        var values = new float[Units * Units];
        for (int a = 0; a < Units; a++)
            for (int b = 0; b < Units; b++)
                values[a * Units + b] = (float)f(a, b);
        return tensor(values, [Units, Units]).to(device);
    }
}
