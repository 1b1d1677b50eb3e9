/// Documents, index, search and citations for VietSearch.
public enum VietSearchCore {}
