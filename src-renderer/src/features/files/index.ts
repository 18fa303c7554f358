// The File menu: project files (.koe), manuscript import, recent files.
export { FileMenu } from './FileMenu';
