import { contextBridge, ipcRenderer } from 'electron';
import { buildDeskBridge } from './bridge';

contextBridge.exposeInMainWorld('desk', buildDeskBridge(ipcRenderer, process.platform));
