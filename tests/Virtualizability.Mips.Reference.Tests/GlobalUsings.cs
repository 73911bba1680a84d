global using Virtualizability.Mips.Reference;
global using Xunit;
