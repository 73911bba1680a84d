global using Xunit;
global using Virtualizability.Mips.Reference;
