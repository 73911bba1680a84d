using System.Buffers.Binary;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Execution;

/// <summary>
/// The backing storage of one memory. Cells of up to 8 bits live in a <c>byte[]</c>, wider cells (PDP-10 words)
/// in a <c>ulong[]</c>. Addresses are cell indices already reduced to the memory's address width; a multi-cell
/// access wraps around the top of the address space. Cells beyond the backing array belong to the bus.
/// </summary>
public sealed class MemoryStorage
{
    private readonly byte[] _bytes;
    private readonly ulong[] _words;
    private readonly ulong _cellMask;
    private readonly ulong _addressMask;
    private readonly bool _big;

    internal MemoryStorage(MemoryDecl declaration, long cells, IMemoryBus? bus)
    {
        Declaration = declaration;
        Bus = bus;
        _cellMask = IrType.Bits(declaration.CellWidth).Mask;
        _addressMask = IrType.Bits(declaration.AddressWidth).Mask;
        _big = declaration.Endianness == Endianness.Big;
        IsByteBacked = declaration.CellWidth <= 8;
        _bytes = IsByteBacked ? new byte[cells] : [];
        _words = IsByteBacked ? [] : new ulong[cells];
        CellCount = cells;
    }

    // An access of n bytes at `address` lies in the backing array when address < FastEnd(n) (one compare, no overflow).
    private ulong FastEnd(int n) => (ulong)_bytes.Length >= (ulong)n ? (ulong)_bytes.Length - (ulong)n + 1 : 0;

    public MemoryDecl Declaration { get; }

    public IMemoryBus? Bus { get; }

    /// <summary>True when cells are stored one per byte (cell width ≤ 8), false for 64-bit slots.</summary>
    public bool IsByteBacked { get; }

    /// <summary>Cells held in the backing array; addresses from here up go to the bus.</summary>
    public long CellCount { get; }

    /// <summary>The backing bytes (empty for wide-cell memories); loaders write programs here directly.</summary>
    public Span<byte> Bytes => _bytes;

    /// <summary>The backing words (empty for byte-backed memories).</summary>
    public Span<ulong> Words => _words;

    /// <summary>Reads <paramref name="cells"/> consecutive cells joined in the memory's byte order.</summary>
    public ulong Read(ulong address, int cells)
    {
        address &= _addressMask;
        var last = (address + (ulong)cells - 1) & _addressMask;
        if (last >= address && last < (ulong)CellCount) return JoinBacked(address, cells);
        if (address >= (ulong)CellCount && (last >= address) && Bus is { } bus) return bus.Read(Declaration.Index, address, cells) & JoinedMask(cells);
        ulong value = 0;
        for (var i = 0; i < cells; i++)
        {
            var cell = ReadCell((address + (ulong)i) & _addressMask);
            value = _big ? (value << Declaration.CellWidth) | cell : value | (cell << (Declaration.CellWidth * i));
        }
        return value;
    }

    /// <summary>Writes <paramref name="cells"/> consecutive cells, split in the memory's byte order.</summary>
    public void Write(ulong address, int cells, ulong value)
    {
        address &= _addressMask;
        var last = (address + (ulong)cells - 1) & _addressMask;
        if (last >= address && last < (ulong)CellCount)
        {
            SplitBacked(address, cells, value);
            return;
        }
        if (address >= (ulong)CellCount && last >= address)
        {
            Bus?.Write(Declaration.Index, address, cells, value & JoinedMask(cells));
            return;
        }
        for (var i = 0; i < cells; i++)
        {
            var shift = _big ? Declaration.CellWidth * (cells - 1 - i) : Declaration.CellWidth * i;
            WriteCell((address + (ulong)i) & _addressMask, value >> shift);
        }
    }

    public ulong ReadCell(ulong address)
    {
        address &= _addressMask;
        if (address < (ulong)CellCount) return IsByteBacked ? _bytes[address] : _words[address];
        return Bus is { } bus ? bus.Read(Declaration.Index, address, 1) & _cellMask : 0;
    }

    /// <summary>Sets the storage cells [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) to zero
    /// (an allocator handing out memory another VM had); cells beyond the storage are not touched (no device sees a write).</summary>
    public void Clear(ulong start, ulong count)
    {
        if (start >= (ulong)CellCount) return;
        var length = checked((int)Math.Min(count, (ulong)CellCount - start));
        if (IsByteBacked) _bytes.AsSpan(checked((int)start), length).Clear();
        else _words.AsSpan(checked((int)start), length).Clear();
    }

    public void WriteCell(ulong address, ulong value)
    {
        address &= _addressMask;
        value &= _cellMask;
        if (address < (ulong)CellCount)
        {
            if (IsByteBacked) _bytes[address] = (byte)value;
            else _words[address] = value;
        }
        else Bus?.Write(Declaration.Index, address, 1, value);
    }

    // ---- fast paths for 8-bit cells, called by compiled code; addresses arrive already masked ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Read8(ulong address) => address < (ulong)_bytes.Length ? _bytes[address] : ReadCell(address);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Read16(ulong address)
    {
        if (!Fits(address, 2)) return Read(address, 2);
        var raw = Unsafe.ReadUnaligned<ushort>(ref At(address));
        return _big ? BinaryPrimitives.ReverseEndianness(raw) : raw;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Read32(ulong address)
    {
        if (!Fits(address, 4)) return Read(address, 4);
        var raw = Unsafe.ReadUnaligned<uint>(ref At(address));
        return _big ? BinaryPrimitives.ReverseEndianness(raw) : raw;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Read64(ulong address)
    {
        if (!Fits(address, 8)) return Read(address, 8);
        var raw = Unsafe.ReadUnaligned<ulong>(ref At(address));
        return _big ? BinaryPrimitives.ReverseEndianness(raw) : raw;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write8(ulong address, ulong value)
    {
        if (address < (ulong)_bytes.Length) _bytes[address] = (byte)value;
        else WriteCell(address, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write16(ulong address, ulong value)
    {
        if (!Fits(address, 2)) { Write(address, 2, value); return; }
        var raw = (ushort)value;
        Unsafe.WriteUnaligned(ref At(address), _big ? BinaryPrimitives.ReverseEndianness(raw) : raw);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write32(ulong address, ulong value)
    {
        if (!Fits(address, 4)) { Write(address, 4, value); return; }
        var raw = (uint)value;
        Unsafe.WriteUnaligned(ref At(address), _big ? BinaryPrimitives.ReverseEndianness(raw) : raw);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write64(ulong address, ulong value)
    {
        if (!Fits(address, 8)) { Write(address, 8, value); return; }
        Unsafe.WriteUnaligned(ref At(address), _big ? BinaryPrimitives.ReverseEndianness(value) : value);
    }

    // ---- compiled code's inlined fast paths: the caller has checked address < FastLimit(n) against the array ----

    /// <summary>The backing bytes (an empty array for wide-cell memories); never replaced, so compiled code keeps it in a local.</summary>
    internal byte[] ByteArray => _bytes;

    /// <summary>An access of <paramref name="cells"/> bytes at an address below this lies wholly in the backing array (0 when none does).</summary>
    internal ulong FastLimit(int cells) => FastEnd(cells);

    /// <summary>The unchecked load of <paramref name="cells"/> bytes (1, 2, 4 or 8) in the given byte order: a static (byte[], ulong) to ulong.</summary>
    internal static MethodInfo LoadMethod(int cells, bool big) =>
        typeof(MemoryStorage).GetMethod(cells == 1 ? nameof(Load8) : $"Load{cells * 8}{(big ? "Be" : "Le")}", BindingFlags.Static | BindingFlags.NonPublic)!;

    /// <summary>The unchecked store of <paramref name="cells"/> bytes (1, 2, 4 or 8) in the given byte order: a static (byte[], ulong, ulong).</summary>
    internal static MethodInfo StoreMethod(int cells, bool big) =>
        typeof(MemoryStorage).GetMethod(cells == 1 ? nameof(Store8) : $"Store{cells * 8}{(big ? "Be" : "Le")}", BindingFlags.Static | BindingFlags.NonPublic)!;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Load8(byte[] bytes, ulong address) => Cell(bytes, address);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Load16Le(byte[] bytes, ulong address) => Unsafe.ReadUnaligned<ushort>(ref Cell(bytes, address));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Load16Be(byte[] bytes, ulong address) => BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ushort>(ref Cell(bytes, address)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Load32Le(byte[] bytes, ulong address) => Unsafe.ReadUnaligned<uint>(ref Cell(bytes, address));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Load32Be(byte[] bytes, ulong address) => BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Cell(bytes, address)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Load64Le(byte[] bytes, ulong address) => Unsafe.ReadUnaligned<ulong>(ref Cell(bytes, address));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Load64Be(byte[] bytes, ulong address) => BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(ref Cell(bytes, address)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Store8(byte[] bytes, ulong address, ulong value) => Cell(bytes, address) = (byte)value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Store16Le(byte[] bytes, ulong address, ulong value) => Unsafe.WriteUnaligned(ref Cell(bytes, address), (ushort)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Store16Be(byte[] bytes, ulong address, ulong value) => Unsafe.WriteUnaligned(ref Cell(bytes, address), BinaryPrimitives.ReverseEndianness((ushort)value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Store32Le(byte[] bytes, ulong address, ulong value) => Unsafe.WriteUnaligned(ref Cell(bytes, address), (uint)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Store32Be(byte[] bytes, ulong address, ulong value) => Unsafe.WriteUnaligned(ref Cell(bytes, address), BinaryPrimitives.ReverseEndianness((uint)value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Store64Le(byte[] bytes, ulong address, ulong value) => Unsafe.WriteUnaligned(ref Cell(bytes, address), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Store64Be(byte[] bytes, ulong address, ulong value) => Unsafe.WriteUnaligned(ref Cell(bytes, address), BinaryPrimitives.ReverseEndianness(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref byte Cell(byte[] bytes, ulong address) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(bytes), (nint)address);

    /// <summary>One wide cell (wide-cell memories only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadWord(ulong address) => address < (ulong)_words.Length ? _words[address] : ReadCell(address);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteWord(ulong address, ulong value)
    {
        if (address < (ulong)_words.Length) _words[address] = value;
        else WriteCell(address, value);
    }

    /// <summary>Fills the backing array with zeros.</summary>
    public void Clear()
    {
        Array.Clear(_bytes);
        Array.Clear(_words);
    }

    internal void CopyFrom(MemoryStorage source)
    {
        if (source.CellCount != CellCount || source.IsByteBacked != IsByteBacked)
            throw new ArgumentException($"memory {Declaration.Name}: backing sizes differ ({source.CellCount} and {CellCount} cells)", nameof(source));
        source._bytes.CopyTo(_bytes, 0);
        source._words.CopyTo(_words, 0);
    }

    internal bool ContentEquals(MemoryStorage other) =>
        CellCount == other.CellCount && _bytes.AsSpan().SequenceEqual(other._bytes) && _words.AsSpan().SequenceEqual(other._words);

    /// <summary>
    /// Moves the backing contents so that new[a + distance] = old[a] (addresses modulo the address space).
    /// Cells that move beyond the backing array are lost and the cells they vacate read 0, since the bus is not storage
    /// (unless it says it is, as an <see cref="IMovableMemoryBus"/>, which then moves its own contents).
    /// </summary>
    internal void Move(ulong distance)
    {
        distance &= _addressMask;
        if (distance == 0) return;
        if (Bus is IMovableMemoryBus movable) movable.Move(Declaration.Index, distance);
        var spaceCovered = Declaration.AddressWidth < 63 && (ulong)CellCount == _addressMask + 1;
        if (IsByteBacked) MoveArray(_bytes, distance, spaceCovered);
        else MoveArray(_words, distance, spaceCovered);
    }

    private void MoveArray<T>(T[] array, ulong distance, bool spaceCovered)
    {
        var old = (T[])array.Clone();
        if (spaceCovered)
        {
            // A rotation: the whole address space is backed.
            var d = (long)distance;
            Array.Copy(old, 0, array, d, array.LongLength - d);
            Array.Copy(old, array.LongLength - d, array, 0, d);
            return;
        }
        Array.Clear(array);
        for (long a = 0; a < old.LongLength; a++)
        {
            var target = ((ulong)a + distance) & _addressMask;
            if (target < (ulong)array.LongLength) array[target] = old[a];
        }
    }

    // Written without address + n so that a 64-bit address near the top cannot overflow into the fast path.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Fits(ulong address, uint n) => address < (ulong)_bytes.Length && (ulong)_bytes.Length - address >= n;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref byte At(ulong address) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_bytes), (nint)address);

    private ulong JoinedMask(int cells) => IrType.Bits(Declaration.CellWidth * cells).Mask;

    private ulong JoinBacked(ulong address, int cells)
    {
        ulong value = 0;
        for (var i = 0; i < cells; i++)
        {
            var cell = IsByteBacked ? _bytes[address + (ulong)i] : _words[address + (ulong)i];
            value = _big ? (value << Declaration.CellWidth) | cell : value | (cell << (Declaration.CellWidth * i));
        }
        return value;
    }

    private void SplitBacked(ulong address, int cells, ulong value)
    {
        for (var i = 0; i < cells; i++)
        {
            var shift = _big ? Declaration.CellWidth * (cells - 1 - i) : Declaration.CellWidth * i;
            var cell = (value >> shift) & _cellMask;
            if (IsByteBacked) _bytes[address + (ulong)i] = (byte)cell;
            else _words[address + (ulong)i] = cell;
        }
    }
}
