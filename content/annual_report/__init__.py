"""The 政府信息公开工作年度报告: its tables' layout, the figures counted from records, the editor's grid."""
